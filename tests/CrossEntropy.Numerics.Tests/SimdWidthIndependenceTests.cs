using System.Diagnostics;

namespace CrossEntropy.Numerics.Tests;

/// <summary>
/// Team rule: results must not depend on the machine's SIMD width. Runs tests/CrossEntropy.KernelBits (losses,
/// gradients and the softmax family, float and double, printed as bit patterns; the softmax family also at four
/// memory alignments in each run) in child processes with 512-bit, 256-bit, 128-bit and no
/// hardware vectors, and requires the same bits from each. On .NET 10 the switch for AVX-512 is DOTNET_EnableAVX512
/// (DOTNET_EnableAVX512F=0 alone leaves Vector512 accelerated), so both are set.
/// </summary>
public class SimdWidthIndependenceTests
{
    [Fact]
    public void Losses_gradients_and_the_softmax_family_have_the_same_bits_with_512_256_128_bit_and_no_hardware_vectors()
    {
        string[] reference = Run();
        Assert.True(reference.Length > 10, "the child process printed too few cases");
        Assert.All(reference, line => Assert.DoesNotContain("offsets differ", line, StringComparison.Ordinal));

        string[] no512 = Run(("DOTNET_EnableAVX512F", "0"), ("DOTNET_EnableAVX512", "0"));
        Assert.Contains("vector512=False", no512[0], StringComparison.Ordinal);
        string[] no256 = Run(("DOTNET_EnableAVX2", "0"));
        Assert.Contains("vector256=False", no256[0], StringComparison.Ordinal);
        string[] scalar = Run(("DOTNET_EnableHWIntrinsic", "0"));
        Assert.Contains("vector128=False", scalar[0], StringComparison.Ordinal);

        // Line 0 names the hardware path and differs on purpose; every case line must match the default run's.
        foreach ((string name, string[] run) in new[] { ("no AVX-512", no512), ("no AVX2", no256), ("no SIMD", scalar) })
        {
            Assert.All(run, line => Assert.DoesNotContain("offsets differ", line, StringComparison.Ordinal));
            Assert.Equal(reference.Length, run.Length);
            for (int i = 1; i < reference.Length; i++)
            {
                Assert.True(reference[i] == run[i], $"{name}: bits differ from the default run\n  default: {reference[i]}\n  {name}: {run[i]}");
            }
        }
    }

    private static string[] Run(params (string Name, string Value)[] environment)
    {
        string program = Path.Combine(AppContext.BaseDirectory, "CrossEntropy.KernelBits.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(program);
        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }

        using Process process = Process.Start(start)!;
        Task<string> errors = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"KernelBits failed ({string.Join(' ', environment)}): {errors.Result}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
