using System;
using System.IO;

namespace PolicyAnalyzers.Packages.Caching
{
    /// <summary>Small JSON cache files under obj/: written atomically so parallel builds never see half a file.</summary>
    public static class CacheFile
    {
        /// <summary>Writes through a temporary file and a move; a failure costs time on the next build, nothing else.</summary>
        public static void Write(string path, string text)
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
                var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
                File.WriteAllText(temp, text);
                if (File.Exists(path))
                {
                    File.Replace(temp, path, null);
                }
                else
                {
                    File.Move(temp, path);
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // Not cached this time.
            }
        }

        public static string Quote(string s) => Policy.Json.JsonText.Quote(s);
    }
}
