using System.Text;
using System.Text.RegularExpressions;

namespace NotebookRunner;

/// <summary>
/// Follows the log dotnet-repl writes with <c>--log-path</c> while a notebook runs, to know which cell is running and
/// since when. dotnet-repl writes the executed notebook only at the end, so without this a hung cell could not be named.
/// Each code cell is one top-level <c>SubmitCode</c> command (its token has no <c>.n</c> suffix; the kernel's own child
/// submissions do): the log shows when each starts and when it succeeds or fails.
/// </summary>
/// <param name="directory">The folder given to <c>--log-path</c> (dotnet-repl creates its file there).</param>
public sealed partial class KernelLogWatcher(string directory)
{
    private readonly StringBuilder pending = new();
    private long position;
    private string? file;
    private string? running;

    /// <summary>How many top-level submissions (code cells) have started.</summary>
    public int Started { get; private set; }

    /// <summary>The 1-based index, among the submitted code cells, of the one running now; null between cells.</summary>
    public int? Running => running is null ? null : Started;

    /// <summary>When the running cell started (read time); null between cells.</summary>
    public DateTimeOffset? RunningSince { get; private set; }

    /// <summary>Reads what the log gained since the last call.</summary>
    /// <param name="now">The time to record for a cell that starts in the new text.</param>
    public void Poll(DateTimeOffset now)
    {
        file ??= Directory.Exists(directory) ? Directory.EnumerateFiles(directory, "*.log").Order(StringComparer.Ordinal).FirstOrDefault() : null;
        if (file is null)
        {
            return;
        }
        using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            stream.Seek(position, SeekOrigin.Begin);
            var buffer = new byte[64 * 1024];
            int read;
            var bytes = new MemoryStream();
            while ((read = stream.Read(buffer)) > 0)
            {
                bytes.Write(buffer, 0, read);
            }
            // Only whole lines are consumed, so a line the writer has half written is read again next time.
            var data = bytes.ToArray();
            var lastNewline = Array.LastIndexOf(data, (byte)'\n');
            if (lastNewline < 0)
            {
                return;
            }
            position += lastNewline + 1;
            pending.Append(Encoding.UTF8.GetString(data, 0, lastNewline + 1));
        }
        foreach (var line in pending.ToString().Split('\n'))
        {
            Read(line, now);
        }
        pending.Clear();
    }

    /// <summary>Applies one log line.</summary>
    /// <param name="line">The line.</param>
    /// <param name="now">When it was read.</param>
    public void Read(string line, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(line);
        // dotnet-repl submits a markdown cell to its markdown kernel too (when the cell names that kernel): not a code cell.
        if (SubmissionStarted().Match(line) is { Success: true } start && start.Groups[1].Value != running
            && start.Groups[2].Value != "markdown")
        {
            running = start.Groups[1].Value;
            Started++;
            RunningSince = now;
        }
        else if (SubmissionEnded().Match(line) is { Success: true } end && end.Groups[1].Value == running)
        {
            running = null;
            RunningSince = null;
        }
    }

    // "[KernelInvocationContext] [KernelInvocationContext]  ▶  +[ ⁞Ϲ⁞ SubmitCode <code> (Token: abc==, TargetKernelName: csharp, ..."
    [GeneratedRegex(@"\[KernelInvocationContext\] \[KernelInvocationContext\]\s+▶\s+\+\[ ⁞Ϲ⁞ SubmitCode .*\(Token: ([^,.\s]+), (?:TargetKernelName: (\w+))?")]
    private static partial Regex SubmissionStarted();

    // "⁞Ε⁞ CommandSucceeded  (Command: SubmitCode, CommandToken: abc==)" or CommandFailed.
    [GeneratedRegex(@"⁞Ε⁞ Command(?:Succeeded|Failed)\b.*\(Command: SubmitCode, CommandToken: ([^).\s]+)\)")]
    private static partial Regex SubmissionEnded();
}
