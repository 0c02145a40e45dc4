using NotebookRunner;

// Thin entry point: parse, then hand over to Runner (which tests can drive directly).
RunnerOptions options;
try
{
    options = RunnerOptions.Parse(args);
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return ExitCodes.Usage;
}
if (options.ShowHelp)
{
    Console.WriteLine(RunnerOptions.Help);
    return ExitCodes.Success;
}
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
var layout = RepoLayout.Find();
if (options.ExportOnly)
{
    return NotebookRunner.Export.ExportStage.Write(layout, Console.Out);
}
var status = options.SiteOnly ? ExitCodes.Success : await new Runner(layout, Console.Out).RunAsync(options, cancel.Token);
if (!options.SiteOnly)
{
    status = Math.Max(status, NotebookRunner.Export.ExportStage.Write(layout, Console.Out));
}
return options.NoSite ? status : Math.Max(status, SiteStage.Render(layout, options.SiteOnly, Console.Out));
