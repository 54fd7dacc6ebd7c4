using PolicyAnalyzers.Fuzzing;
using SharpFuzz;

// AFL++ drives this process through SharpFuzz; run.sh instruments PolicyAnalyzers.Policy.dll first.
Fuzzer.OutOfProcess.Run(stream =>
{
    using var memory = new MemoryStream();
    stream.CopyTo(memory);
    FuzzTarget.Run(memory.ToArray());
});
