namespace PolicyAnalyzers.Analyzers.Matching
{
    /// <summary>The names of the framework methods that take a vendor component's name at run time, by the check that binds their calls.</summary>
    internal static class EntryPoints
    {
        /// <summary>PA1006: Type.GetType, Type.GetTypeFromProgID, Assembly.Load…, Activator/AppDomain.CreateInstance….</summary>
        public static readonly string[] LateBinding = { "GetType", "GetTypeFromProgID", "Load", "LoadWithPartialName", "CreateInstance", "CreateInstanceFrom", "CreateInstanceAndUnwrap" };

        /// <summary>PA1005: NativeLibrary.Load and TryLoad.</summary>
        public static readonly string[] NativeLibrary = { "Load", "TryLoad" };
    }
}
