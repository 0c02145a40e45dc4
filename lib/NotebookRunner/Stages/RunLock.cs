namespace NotebookRunner.Stages;

/// <summary>
/// One main job per clone: <c>artifacts/runner.lock</c>, held open with <see cref="FileShare.None"/> (an exclusive
/// <c>flock</c> on Linux) for the whole run and deleted when it ends. The operating system releases the lock when its
/// process dies, so a file left by a killed run never blocks the next one.
/// </summary>
public sealed class RunLock : IDisposable
{
    /// <summary>The lock file's name in <c>artifacts/</c>.</summary>
    public const string FileName = "runner.lock";

    private readonly FileStream stream;

    private RunLock(FileStream stream) => this.stream = stream;

    /// <summary>Takes the lock, or returns null when another run holds it.</summary>
    /// <param name="artifactsDirectory">The folder that holds the lock file (created if missing).</param>
    /// <returns>The lock, or null.</returns>
    /// <exception cref="IOException">The folder cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder cannot be written.</exception>
    public static RunLock? TryAcquire(string artifactsDirectory)
    {
        Directory.CreateDirectory(artifactsDirectory);
        var path = Path.Combine(artifactsDirectory, FileName);
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            stream.SetLength(0);
            var text = System.Text.Encoding.UTF8.GetBytes($"{Environment.ProcessId}\n");
            stream.Write(text);
            stream.Flush();
            return new RunLock(stream);
        }
        catch (IOException) when (File.Exists(path))
        {
            return null; // held: the open or its flock failed because another process has it
        }
    }

    /// <inheritdoc/>
    public void Dispose() => stream.Dispose();
}
