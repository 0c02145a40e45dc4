using System.Reflection;
using CrossEntropy.Interactive.Localization;

namespace CrossEntropy.Interactive.Tests.Localization;

// The checks in the Chinese edition: labels, exercise names, hints and precision phrases in Chinese for a solved, an
// incorrect, a near-miss and a not-yet answer; numbers formatted as in English; the language chosen per flow, so the
// English tests running at the same time are untouched; and a clear error for a language the course does not speak.

public class ChineseChecksTests
{
    [Fact]
    public void A_solved_check_reads_in_Chinese_line_for_line()
    {
        using var chinese = CourseLanguage.Use(CourseLanguage.Chinese);
        Assert.Equal("已解决: 练习 1.1，公平的二十面骰子 — 你的值与参考值完全一致（题目要求：4 位有效数字）。",
            Exercises01.FairDie(Math.Log2(20)).ToString());
        Assert.Equal("正确，达到题目要求的精度（4 位有效数字）。", Exercises01.FairDie(4.3219).Message);
    }

    [Fact]
    public void An_incorrect_check_gives_the_Chinese_hint()
    {
        using var chinese = CourseLanguage.Use(CourseLanguage.Chinese);
        var sixSided = Exercises01.FairDie(Math.Log2(6));
        Assert.Equal(ExerciseStatus.Incorrect, sixSided.Status);
        Assert.Equal("不正确", sixSided.Label);
        Assert.Equal("还不对。提示：这是上面直方图中的六面骰子；这个骰子有二十个面。", sixSided.Message);
        Assert.StartsWith("还不对。提示：你的值是正确的量，但单位不对", Exercises01.FairDie(Math.Log(20)).Message, StringComparison.Ordinal);
        Assert.Contains("<strong style=\"color:#c62828\">✘ 不正确</strong> · 练习 1.1，公平的二十面骰子: 还不对。", sixSided.ToHtml(),
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_near_miss_and_too_few_digits_name_the_precision_in_Chinese()
    {
        using var chinese = CourseLanguage.Use(CourseLanguage.Chinese);
        var nearMiss = Exercises01.FairDie(4.321);
        Assert.StartsWith("还不对。提示：差一点：按题目要求的精度（4 位有效数字），你的值在最后一位上差了一个单位。", nearMiss.Message,
            StringComparison.Ordinal);
        Assert.Contains("没有达到题目要求的 4 位有效数字", Exercises01.FairDie(4.32).Message, StringComparison.Ordinal);
        Verdict.HidesValue(nearMiss, Math.Log2(20));
    }

    [Fact]
    public void A_placeholder_is_not_solved_yet_in_Chinese()
    {
        using var chinese = CourseLanguage.Use(CourseLanguage.Chinese);
        var open = Exercises01.FairDie(double.NaN);
        Assert.Equal("尚未解答", open.Label);
        Assert.Equal("把占位值换成你的计算（单元格中写着“your code here”的地方），然后再次运行该单元格。", open.Message);
        Assert.Equal("把 choice 设为一个字母（例如 choice = 'a'），然后再次运行该单元格。", Exercises01.Perplexity('?').Message);
    }

    [Fact]
    public void Interpolated_messages_keep_their_values_and_translate_their_parts()
    {
        using var chinese = CourseLanguage.Use(CourseLanguage.Chinese);
        Assert.Equal("还不对。提示：'z' 不是选项之一：请从 'a', 'b', 'c' 中选择一个。", Exercises01.Perplexity('z').Message);
        Assert.Equal("还不对。提示：你的答案有 1 个值，而本练习需要 2 个值。", Exercises03.TemperatureGradient([0.1]).Message);
        Assert.Equal("还不对。提示：对 x = [89, 88]，你的函数返回了 null。", Exercises04.StableSoftmax(_ => null!).Message);
        Assert.Equal("还不对。提示：无法检查你的答案：其中有整数除以零。请用 double 运算（写 1.0 / n，而不是 1 / n）。",
            Exercises04.StableSoftmax(_ => throw new DivideByZeroException()).Message);
        Assert.Equal("相对容差 4.8e-7", Precision.Relative(4 * 1.2e-7).Description);
        Assert.Equal("1 位小数", Precision.DecimalPlaces(1).ToString());
        Assert.Equal("精确值", Precision.Exact.Description);
    }

    [Fact]
    public void A_two_part_solution_joins_its_sentences_the_Chinese_way()
    {
        using var chinese = CourseLanguage.Use(CourseLanguage.Chinese);
        var solved = Exercises05.ScaleFreeWeights(1, 1000);
        Assert.Equal("两个小题都与参考值完全一致。加权平均与权重的尺度无关；而总和及其梯度会随权重缩放，所以在相同的学习率下，用 Reduction.Sum 训练的步长会大 1000 倍。",
            solved.Message);
    }

    [Fact]
    public void English_lines_are_those_the_committed_notebooks_print()
    {
        // Copied from the outputs of notebooks 01 and 05: going through the catalog changed no English byte.
        Assert.Equal("Solved: Exercise 1.1, a fair twenty-sided die — your value matches the reference in full (asked for: 4 significant digits).",
            Exercises01.FairDie(Math.Log2(20)).ToString());
        Assert.Equal("Solved: Exercise 5.1, scaling the weights — both parts match the reference in full. The weighted mean is scale-free; the sum, and its gradient, scale with the weights, so training with Reduction.Sum would take steps 1000 times larger at the same learning rate.",
            Exercises05.ScaleFreeWeights(1, 1000).ToString());
    }

    [Fact]
    public void Every_check_names_its_exercise_in_the_course_language()
    {
        foreach (var (language, label, exercise) in new[]
                 {
                     (CourseLanguage.English, "Not solved yet", "Exercise "),
                     (CourseLanguage.Chinese, "尚未解答", "练习 "),
                 })
        {
            using var scope = CourseLanguage.Use(language);
            var results = PlaceholderResults().ToList();
            Assert.True(results.Count >= 30, $"only {results.Count} checks found");
            foreach (var (check, result) in results)
            {
                Assert.True(result.Status == ExerciseStatus.NotSolvedYet, $"{check} with placeholders: {result}");
                Assert.Equal(label, result.Label);
                Assert.StartsWith(exercise, result.Exercise, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task English_is_the_default_and_a_scope_ends_with_its_disposal()
    {
        Assert.Equal(CourseLanguage.English, CourseLanguage.Current);
        using (CourseLanguage.Use(CourseLanguage.Chinese))
        {
            Assert.Equal("尚未解答", Exercises02.KlByHand(double.NaN).Label);
            // The scope flows into work the check starts, as into a notebook cell's tasks.
            Assert.Equal("尚未解答", await Task.Run(() => Exercises02.KlByHand(double.NaN).Label));
        }
        Assert.Equal("Not solved yet: Exercise 2.1, KL by hand — " + ExerciseResult.PlaceholderMessage,
            Exercises02.KlByHand(double.NaN).ToString());
    }

    [Theory]
    [InlineData("zh")]
    [InlineData("EN")]
    [InlineData("fr-FR")]
    [InlineData("")]
    public void A_language_the_course_does_not_speak_is_refused_by_name(string language)
    {
        var error = Assert.Throws<ArgumentException>(() => KernelSetup.Install(language));
        Assert.Equal("language", error.ParamName);
        Assert.Contains($"'{language}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"zh-CN\"", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => CourseLanguage.Use(language));
        Assert.Equal(CourseLanguage.English, CourseLanguage.Current);
    }

    [Fact]
    public void The_English_catalog_is_the_source_itself()
    {
        Assert.Empty(MessageCatalog.For(CourseLanguage.English));
        Assert.Equal("Solved", MessageCatalog.Translate("Solved", CourseLanguage.English));
        Assert.Equal("已解决", MessageCatalog.Translate("Solved", CourseLanguage.Chinese));
    }

    // Every public check of Exercises01…08 called with its placeholders: NaN, '?', null for a nullable answer, and empty
    // inputs for the notebook data a check needs.
    private static IEnumerable<(string Check, ExerciseResult Result)> PlaceholderResults()
    {
        var nullability = new NullabilityInfoContext();
        var checks = typeof(ExerciseResult).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(ExerciseResult).Namespace && t.Name.StartsWith("Exercises", StringComparison.Ordinal))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .Where(m => m.ReturnType == typeof(ExerciseResult));
        foreach (var check in checks)
        {
            var arguments = check.GetParameters().Select(p => Placeholder(p, nullability)).ToArray();
            yield return ($"{check.DeclaringType!.Name}.{check.Name}", (ExerciseResult)check.Invoke(null, arguments)!);
        }
    }

    private static object? Placeholder(ParameterInfo parameter, NullabilityInfoContext nullability) => parameter.ParameterType switch
    {
        var t when t == typeof(double) => double.NaN,
        var t when t == typeof(float) => float.NaN,
        var t when t == typeof(Half) => Half.NaN,
        var t when t == typeof(char) => '?',
        var t when t == typeof(int) => 3,
        _ when nullability.Create(parameter).ReadState == NullabilityState.Nullable => null,
        var t when t == typeof(IReadOnlyList<double>) => Array.Empty<double>(),
        var t when t == typeof(IReadOnlyList<int>) => Array.Empty<int>(),
        var t => throw new InvalidOperationException($"No placeholder for {t} ({parameter.Name})."),
    };
}
