using PolicyAnalyzers.Policy.Reading;
using Xunit;

namespace PolicyAnalyzers.Policy.Tests;

public class HttpLinkTests
{
    // What the reader asked System.Uri before links were judged without it where plain.
    private static bool UriSays(string value)
        => Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == "https" || uri.Scheme == "http");

    [Theory]
    [InlineData("https://www.tweedekamer.nl/kamerstukken/detail?id=2018D29215&did=2018D29215")]
    [InlineData("https://zoek.officielebekendmakingen.nl/kst-30821-46.html")]
    [InlineData("http://example.org")]
    [InlineData("https://example.org:8443/a/b;c=d?e=f#g")]
    [InlineData("https://a-b.example/%20x/~y/'(z)*+,!$@:")]
    [InlineData("https://example.org:65536/")]
    [InlineData("https://example.org:/")]
    [InlineData("https://-a.example/")]
    [InlineData("https://a-.example/")]
    [InlineData("https://a..example/")]
    [InlineData("https://.example/")]
    [InlineData("https://192.168.0.1/x")]
    [InlineData("https://[::1]/x")]
    [InlineData("https://user@example.org/")]
    [InlineData("https://exämple.org/")]
    [InlineData("https://example.org/a b")]
    [InlineData("https://example.org/50%")]
    [InlineData("https://example.org/{x}")]
    [InlineData("https://example.org/[x]")]
    [InlineData("HTTPS://example.org/")]
    [InlineData("ftp://example.org/")]
    [InlineData("https:/example.org/")]
    [InlineData("https://")]
    [InlineData("example.org")]
    [InlineData("/relative/path")]
    [InlineData("")]
    public void A_link_is_judged_as_System_Uri_judges_it(string link)
    {
        Assert.Equal(UriSays(link), HttpLink.IsAbsolute(link));
    }

    // Strings built from the characters links are made of, so that every branch of the plain-link check meets
    // inputs on both sides of it: the check must never accept what System.Uri rejects, nor the reverse.
    [Fact]
    public void Generated_links_are_judged_as_System_Uri_judges_them()
    {
        var random = new Random(20261201);
        const string alphabet = "abz09-.:/?#%@!$&'()*+,;=~_[] AF\\\"<>{}|^`é";
        var disagreements = new List<string>();
        for (var i = 0; i < 20000; i++)
        {
            var body = new char[random.Next(0, 24)];
            for (var j = 0; j < body.Length; j++)
            {
                body[j] = alphabet[random.Next(alphabet.Length)];
            }

            var link = (random.Next(3) switch { 0 => "https://", 1 => "http://", _ => "https://a.b" }) + new string(body);
            if (UriSays(link) != HttpLink.IsAbsolute(link))
            {
                disagreements.Add(link);
            }
        }

        Assert.Empty(disagreements);
    }
}
