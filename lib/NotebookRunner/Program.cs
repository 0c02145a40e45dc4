using System.CommandLine;
using NotebookRunner;
using NotebookRunner.CommandLine;

// Thin entry point: signals become a cancellation, the command line picks the stages, Runner runs them.
using var termination = new Termination();
var commandLine = new RunnerCommandLine((options, cancellationToken) =>
    new Runner(RepoLayout.Find(), Console.Out).RunAsync(options, cancellationToken));
var parsed = commandLine.Root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
    {
        await Console.Error.WriteLineAsync(error.Message);
    }
    await Console.Error.WriteLineAsync("See --help.");
    return ExitCodes.Usage;
}
// ProcessTerminationTimeout = null: Termination owns SIGINT and SIGTERM (System.CommandLine would exit on its own timer).
var status = await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, termination.Token);
return termination.ExitCode(status);
