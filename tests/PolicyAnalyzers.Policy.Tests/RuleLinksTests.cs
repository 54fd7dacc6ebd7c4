using PolicyAnalyzers.Policy.Rules;
using Xunit;

namespace PolicyAnalyzers.Policy.Tests;

public class RuleLinksTests
{
    // The shipped pages' link is written without System.Uri where the path is plain; it must be the link Uri writes.
    [Theory]
    [InlineData("/root/.nuget/packages/policyanalyzers/1.2.0-ci.7/docs/rules/")]
    [InlineData("/home/a_b/x~y/docs/rules/")]
    [InlineData("C:\\Users\\dev\\.nuget\\packages\\policyanalyzers\\1.2.0\\docs\\rules\\")]
    [InlineData("/home/dev/my packages/docs/rules/")]
    [InlineData("/home/dev/c#/docs/rules/")]
    [InlineData("/home/dev/50%/docs/rules/")]
    [InlineData("/home/dév/docs/rules/")]
    [InlineData("/home/dev/../docs/rules/")]
    [InlineData("/home/dev/./docs/rules/")]
    public void A_folder_link_is_the_one_Uri_writes(string folder)
    {
        Assert.Equal(new Uri(folder).AbsoluteUri, RuleLinks.FileUri(folder));
    }
}
