using System.Text;

namespace PolicyAnalyzers.Benchmarks;

/// <summary>
/// Writes a large synthetic solution: a vendor library (Acme.Vendor) and an application of many files with dense API
/// use (calls, object creation, member access, generics, attributes, lambdas), a tenth of the files also using the
/// vendor's APIs. The same text every run, so builds compare like with like.
/// </summary>
internal static class SyntheticProject
{
    public const int Files = 400;
    private const int MethodsPerFile = 6;

    /// <summary>The vendor APIs the application uses, as documentation-comment ids (one policy or BannedSymbols entry each).</summary>
    public static readonly string[] UsedVendorApis =
    {
        "T:Acme.Vendor.Scanning.Scanner",
        "M:Acme.Vendor.Scanning.Engine.Run(System.String)",
        "P:Acme.Vendor.Scanning.Engine.Version",
        "T:Acme.Vendor.Scanning.Box`1",
        "T:Acme.Vendor.Scanning.MonitoredAttribute",
        "F:Acme.Vendor.Scanning.Defaults.Folder",
    };

    public static (string AppProject, int Lines) Write(string root)
    {
        var vendor = Path.Combine(root, "Acme.Vendor");
        var app = Path.Combine(root, "App");
        Directory.CreateDirectory(vendor);
        Directory.CreateDirectory(app);
        File.WriteAllText(Path.Combine(root, "Directory.Build.props"), """
            <Project>
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>disable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <EnableNETAnalyzers>false</EnableNETAnalyzers>
                <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
                <GenerateDocumentationFile>false</GenerateDocumentationFile>
                <Deterministic>true</Deterministic>
              </PropertyGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(root, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(root, "nuget.config"), "<configuration><packageSources><clear /></packageSources></configuration>");
        File.WriteAllText(Path.Combine(vendor, "Acme.Vendor.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        File.WriteAllText(Path.Combine(vendor, "Vendor.cs"), """
            namespace Acme.Vendor.Scanning
            {
                public sealed class Scanner { public int Scan(string path) => path.Length; public static Scanner Create() => new Scanner(); }
                public static class Engine { public static int Run(string path) => path.Length; public static string Version => "1"; }
                public sealed class Box<T> { public T Value; public Box(T value) { Value = value; } }
                [System.AttributeUsage(System.AttributeTargets.All)] public sealed class MonitoredAttribute : System.Attribute { }
                public static class Defaults { public const string Folder = "/"; }
            }
            """);
        File.WriteAllText(Path.Combine(app, "App.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <NoWarn>$(NoWarn);CS0219;CS0168</NoWarn>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="../Acme.Vendor/Acme.Vendor.csproj" />
              </ItemGroup>
            </Project>
            """);

        var lines = 0;
        for (var k = 0; k < Files; k++)
        {
            var text = FileText(k);
            lines += text.Split('\n').Length;
            File.WriteAllText(Path.Combine(app, $"Module{k:D3}.cs"), text);
        }

        return (Path.Combine(app, "App.csproj"), lines);
    }

    private static string FileText(int k)
    {
        var usesVendor = k % 10 == 0;
        var b = new StringBuilder();
        b.AppendLine("using System;");
        b.AppendLine("using System.Collections.Generic;");
        b.AppendLine("using System.Linq;");
        b.AppendLine("using System.Text;");
        if (usesVendor)
        {
            b.AppendLine("using Acme.Vendor.Scanning;");
        }

        b.AppendLine();
        b.AppendLine($"namespace App.Module{k:D3}");
        b.AppendLine("{");
        b.AppendLine(usesVendor ? "    [Monitored]" : "    [Serializable]");
        b.AppendLine($"    public sealed class Worker{k} : IComparable<Worker{k}>");
        b.AppendLine("    {");
        b.AppendLine("        private readonly List<int> _values = new List<int>();");
        b.AppendLine($"        private readonly Dictionary<string, Item{k}> _items = new Dictionary<string, Item{k}>();");
        b.AppendLine("        public int Count => _values.Count;");
        b.AppendLine($"        public int CompareTo(Worker{k} other) => Count.CompareTo(other == null ? 0 : other.Count);");
        for (var j = 0; j < MethodsPerFile; j++)
        {
            b.AppendLine();
            b.AppendLine($"        public int Method{j}(int seed, string name)");
            b.AppendLine("        {");
            b.AppendLine("            var builder = new StringBuilder(name);");
            b.AppendLine("            for (var i = 0; i < seed; i++)");
            b.AppendLine("            {");
            b.AppendLine("                _values.Add(Math.Max(i, seed) + i.GetHashCode());");
            b.AppendLine("                builder.Append(i.ToString()).Append(',').Append(name.Length);");
            b.AppendLine("            }");
            b.AppendLine();
            b.AppendLine($"            var item = new Item{k}(builder.ToString(), seed);");
            b.AppendLine("            _items[item.Name] = item;");
            b.AppendLine($"            var pair = new KeyValuePair<string, Item{k}>(item.Name, Helper{k}.Pick(item, item));");
            b.AppendLine("            var total = _values.Where(v => v > seed).Select(v => v * 2).Sum() + pair.Value.Size;");
            b.AppendLine("            var text = string.Join(\"-\", _items.Keys.OrderBy(x => x).Take(3)) + Environment.NewLine;");
            if (usesVendor && j % 3 == 0)
            {
                b.AppendLine("            var scanner = new Scanner();");
                b.AppendLine("            total += scanner.Scan(Defaults.Folder) + Engine.Run(text) + Engine.Version.Length;");
                b.AppendLine("            var box = new Box<int>(total);");
                b.AppendLine("            total += box.Value;");
            }
            else
            {
                b.AppendLine("            var copy = new List<string>(_items.Keys) { text };");
                b.AppendLine("            total += copy.Count + text.IndexOf('-') + Helper" + k + ".Twice(seed);");
                b.AppendLine("            var tuple = Tuple.Create(total, text);");
                b.AppendLine("            total += tuple.Item1 % 7;");
            }

            b.AppendLine("            return total + string.Concat(\"a\", name).Length + Helper" + k + ".Twice(item.Size);");
            b.AppendLine("        }");
        }

        b.AppendLine("    }");
        b.AppendLine();
        b.AppendLine($"    public sealed class Item{k}");
        b.AppendLine("    {");
        b.AppendLine($"        public Item{k}(string name, int size) {{ Name = name; Size = size; }}");
        b.AppendLine("        public string Name { get; }");
        b.AppendLine("        public int Size { get; }");
        b.AppendLine("        public override string ToString() => Name + \":\" + Size.ToString(System.Globalization.CultureInfo.InvariantCulture);");
        b.AppendLine("    }");
        b.AppendLine();
        b.AppendLine($"    internal static class Helper{k}");
        b.AppendLine("    {");
        b.AppendLine("        public static int Twice(int x) => checked(x * 2);");
        b.AppendLine("        public static T Pick<T>(T a, T b) where T : class => a ?? b;");
        b.AppendLine("    }");
        b.AppendLine("}");
        return b.ToString();
    }
}
