using System.Runtime.InteropServices;

namespace NotebookRunner.CommandLine;

/// <summary>
/// Turns SIGINT (Ctrl+C) and SIGTERM into a cancellation, so the runner stops its kernels (every child process tree is
/// killed when its token is cancelled, see <see cref="Executor.RunAsync"/>), writes its report and exits with
/// <see cref="ExitCodes.Cancelled"/> or <see cref="ExitCodes.Terminated"/>, instead of dying with the kernels orphaned.
/// </summary>
public sealed class Termination : IDisposable
{
    private readonly CancellationTokenSource source = new();
    private readonly PosixSignalRegistration[] registrations;
    private int signal;

    /// <summary>Registers the handlers (removed on dispose).</summary>
    public Termination() =>
        registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle)];

    /// <summary>Cancelled when the first signal arrives.</summary>
    public CancellationToken Token => source.Token;

    /// <summary>The first signal received, if any.</summary>
    public PosixSignal? Signal => Volatile.Read(ref signal) is 0 ? null : (PosixSignal)Volatile.Read(ref signal);

    /// <summary>The exit code for a run that ended with <paramref name="status"/>: a cancelled run says which signal stopped it.</summary>
    /// <param name="status">The runner's exit code.</param>
    /// <returns>The process's exit code.</returns>
    public int ExitCode(int status) =>
        status == ExitCodes.Cancelled && Signal == PosixSignal.SIGTERM ? ExitCodes.Terminated : status;

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var registration in registrations)
        {
            registration.Dispose();
        }
        source.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        context.Cancel = true; // no default termination: the runner stops its children first, then returns
        Interlocked.CompareExchange(ref signal, (int)context.Signal, 0);
        source.Cancel();
    }
}
