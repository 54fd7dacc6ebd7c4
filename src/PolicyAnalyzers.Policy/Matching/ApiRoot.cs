using System.Collections.Generic;
using PolicyAnalyzers.Policy.Model;

namespace PolicyAnalyzers.Policy.Matching
{
    /// <summary>The API entries of one root, in policy order, and their tables once a name of the root is looked up.
    /// An entry is kept as its number in the table: its id is made only when the tables are.</summary>
    internal sealed class ApiRoot
    {
        private readonly ApiRootTable _table;
        private volatile ApiTables? _tables;

        public ApiRoot(ApiRootTable table, string name, int hash, int number)
        {
            _table = table;
            Name = name;
            Hash = hash;
            Number = number;
        }

        public string Name { get; }
        public int Hash { get; }

        /// <summary>Its place among the table's roots.</summary>
        public int Number { get; }

        /// <summary>How many entries it has (counted as the table is made).</summary>
        public int Count { get; set; }

        /// <summary>The numbers of its entries in the table, in policy order.</summary>
        public int[] Entries { get; set; } = System.Array.Empty<int>();

        public ApiTables Tables => _tables ?? Build();

        public bool IsIndexed => _tables != null;

        private ApiTables Build()
        {
            lock (_table)
            {
                if (_tables is { } made)
                {
                    return made;
                }

                var ids = new List<string>(Entries.Length);
                var vendors = new List<Vendor>(Entries.Length);
                foreach (var entry in Entries)
                {
                    ids.Add(_table.IdOf(entry));
                    vendors.Add(_table.VendorOf(entry));
                }

                return _tables = new ApiTables(ids, vendors);
            }
        }
    }
}
