using System.Collections.Generic;
using PolicyAnalyzers.Policy.Model;

namespace PolicyAnalyzers.Policy.Matching
{
    /// <summary>The API entries of one root, in policy order, and their tables once a name of the root is looked up.</summary>
    internal sealed class ApiRoot
    {
        private readonly List<string> _ids = new();
        private readonly List<Vendor> _vendors = new();
        private volatile ApiTables? _tables;

        public ApiRoot(string name, int hash)
        {
            Name = name;
            Hash = hash;
        }

        public string Name { get; }
        public int Hash { get; }

        public void Add(string id, Vendor vendor)
        {
            _ids.Add(id);
            _vendors.Add(vendor);
        }

        public ApiTables Tables => _tables ?? Build();

        public bool IsIndexed => _tables != null;

        private ApiTables Build()
        {
            lock (_ids)
            {
                return _tables ??= new ApiTables(_ids, _vendors);
            }
        }
    }
}
