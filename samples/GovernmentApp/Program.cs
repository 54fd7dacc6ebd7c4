using System;
using Kaspersky.Fixture.Scanning;
using static Kaspersky.Fixture.Scanning.ScanDefaults;

namespace GovernmentApp
{
    [Monitored]
    public sealed class ScanJob : IScanCallback
    {
        private readonly Scanner _scanner = new Scanner();

        public void OnResult(ScanResult result) => Console.WriteLine(result.Clean ? "clean" : "infected");

        public void Run()
        {
            OnResult(_scanner.Scan(Folder));
            OnResult("/tmp".QuickScan());
            Console.WriteLine(typeof(ThreatLevel).Name + " " + nameof(Scanner.Engine));
        }
    }

    public static class Program
    {
        // The vendor's update service: a constant endpoint is a finding where it is written.
        private const string UpdateServer = "https://updates.kaspersky-labs.com/";

        public static void Main()
        {
            new ScanJob().Run();
            Console.WriteLine(Contoso.ScanWrapper.SafeScanner.Describe());
            Console.WriteLine(Contoso.DeviceAgent.Agent.Status() + " reporting to " + new Uri(UpdateServer));
            Console.WriteLine("Assistant at " + Assistant.Endpoint(null));
        }
    }
}
