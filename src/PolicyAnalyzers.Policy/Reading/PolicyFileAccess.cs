using System;
using System.IO;
using System.Threading;

namespace PolicyAnalyzers.Policy.Reading
{
    /// <summary>
    /// Reads a policy file's bytes only when it is a regular file of bounded size, and never waits on it: a
    /// directory, a pipe or a device is refused at once, a file over <see cref="MaxBytes"/> is refused with its
    /// size. .NET reports no file type, so a file that claims size 0 is read on a short leash: a real empty file
    /// ends at once, a FIFO blocks (given up after <see cref="SpecialFileTimeout"/>) and a device such as /dev/zero
    /// yields data it said it did not have.
    /// </summary>
    public static class PolicyFileAccess
    {
        /// <summary>The largest policy file read: 16 MiB, far above any real policy (the shipped one is 12 KB).</summary>
        public const int MaxBytes = 16 * 1024 * 1024;

        public static readonly TimeSpan SpecialFileTimeout = TimeSpan.FromMilliseconds(300);

        /// <summary>The file's bytes, or null with the problem that says why not.</summary>
        public static byte[]? Read(string path, out PolicyProblem? problem)
        {
            problem = null;
            try
            {
                if (Directory.Exists(path))
                {
                    problem = Unreadable(path, $"Policy file '{path}' is a directory, not a file. Name the policy file itself.");
                    return null;
                }

                var info = new FileInfo(path);
                if (!info.Exists)
                {
                    problem = new PolicyProblem(PolicyProblemKind.Missing, path, 0, 0, PolicyReader.MissingFileMessage(path));
                    return null;
                }

                if (info.Length > MaxBytes)
                {
                    problem = TooLarge(path, info.Length);
                    return null;
                }

                return info.Length == 0 ? ReadSpecialCandidate(path, out problem) : ReadBounded(path, out problem);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is NotSupportedException || e is ArgumentException || e is System.Security.SecurityException)
            {
                problem = Unreadable(path, $"Policy file '{path}' cannot be read: {e.Message} Check that the file is accessible to the build.");
                return null;
            }
        }

        /// <summary>
        /// The problem that keeps a configured policy file from being handed to the compiler, or null: a regular
        /// file of bounded size is not read (the compiler reads it); a file that claims size 0 is probed.
        /// </summary>
        public static PolicyProblem? Screen(string path)
        {
            try
            {
                var info = new FileInfo(path);
                if (!Directory.Exists(path) && info.Exists && info.Length > 0 && info.Length <= MaxBytes)
                {
                    return null;
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is NotSupportedException || e is ArgumentException || e is System.Security.SecurityException)
            {
            }

            Read(path, out var problem);
            return problem;
        }

        private static byte[]? ReadBounded(string path, out PolicyProblem? problem)
        {
            problem = null;
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 81920);
            var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > MaxBytes)
                {
                    problem = TooLarge(path, buffer.Length);
                    return null;
                }
            }

            return buffer.ToArray();
        }

        // Size 0: an empty file, or a pipe/device. Read on a background thread and give up quickly.
        private static byte[]? ReadSpecialCandidate(string path, out PolicyProblem? problem)
        {
            problem = null;
            byte[]? first = null;
            Exception? failure = null;
            var done = new ManualResetEventSlim();
            var reader = new Thread(() =>
            {
                try
                {
                    using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
                    var one = new byte[1];
                    first = stream.Read(one, 0, 1) == 0 ? Array.Empty<byte>() : one;
                }
                catch (Exception e)
                {
                    failure = e;
                }
                finally
                {
                    done.Set();
                }
            }) { IsBackground = true, Name = "PolicyAnalyzers policy file probe" };
            reader.Start();
            if (!done.Wait(SpecialFileTimeout))
            {
                Release(path);
                problem = Unreadable(path, $"Policy file '{path}' is not a regular file (a pipe or device that gives no data and no end); only regular files are read. Name a policy file on disk.");
                return null;
            }

            if (failure != null)
            {
                problem = Unreadable(path, $"Policy file '{path}' cannot be read: {failure.Message} Check that the file is accessible to the build.");
                return null;
            }

            if (first!.Length > 0)
            {
                problem = Unreadable(path, $"Policy file '{path}' is not a regular file (it reports size 0 but yields data, as a device does); only regular files are read. Name a policy file on disk.");
                return null;
            }

            return first;
        }

        // A reader blocked on a FIFO waits for a writer: open it for writing once so the probe thread ends.
        private static void Release(string path)
        {
            var releaser = new Thread(() =>
            {
                try
                {
                    using var _ = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
                }
                catch (Exception)
                {
                    // Best effort: a thread still blocked is a background thread and ends with the process.
                }
            }) { IsBackground = true };
            releaser.Start();
            releaser.Join(SpecialFileTimeout);
        }

        private static PolicyProblem TooLarge(string path, long size)
            => Unreadable(path, $"Policy file '{path}' is {size.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} bytes or more; policy files larger than {MaxBytes / (1024 * 1024)} MiB are not read. Check that the path names the policy file, or split the policy into layers.");

        private static PolicyProblem Unreadable(string path, string message) => new(PolicyProblemKind.Unreadable, path, 0, 0, message);
    }
}
