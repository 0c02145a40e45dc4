namespace CrossEntropy.Interactive.Tests;

public class ExerciseResultTests
{
    [Fact]
    public void Text_names_the_status_the_exercise_and_the_message()
    {
        Assert.Equal("Solved: Exercise 1.1, a fair die — ok.", ExerciseResult.Solved("Exercise 1.1, a fair die", "ok.").ToString());
        Assert.StartsWith("Not solved yet: E — Replace the placeholder", ExerciseResult.NotSolvedYet("E").ToString(), StringComparison.Ordinal);
        Assert.Equal("Incorrect: E — Not yet right. Hint: look.", ExerciseResult.Incorrect("E", "look.").ToString());
    }

    [Theory]
    [InlineData(ExerciseStatus.Solved, "✔ Solved", "#2e7d32")]
    [InlineData(ExerciseStatus.NotSolvedYet, "… Not solved yet", "#546e7a")]
    [InlineData(ExerciseStatus.Incorrect, "✘ Incorrect", "#c62828")]
    public void Html_is_a_box_with_a_mark_and_a_label(ExerciseStatus status, string label, string colour)
    {
        var html = new ExerciseResult("E <1>", status, "a & b").ToHtml();
        Assert.Contains(label, html, StringComparison.Ordinal);
        Assert.Contains(colour, html, StringComparison.Ordinal);
        Assert.Contains("E &lt;1&gt;", html, StringComparison.Ordinal);
        Assert.Contains("a &amp; b", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" id=", html, StringComparison.Ordinal);
    }
}

public class AnswerTests
{
    [Fact]
    public void Placeholders_are_recognised()
    {
        Assert.True(Answer.IsMissing(double.NaN));
        Assert.False(Answer.IsMissing(0.0));
        Assert.True(Answer.IsMissing('?'));
        Assert.True(Answer.IsMissing(default(char)));
        Assert.True(Answer.IsMissing(' '));
        Assert.False(Answer.IsMissing('a'));
        Assert.True(Answer.IsMissing((double[]?)null));
        Assert.True(Answer.IsMissing(Array.Empty<double>()));
        Assert.True(Answer.IsMissing([double.NaN, double.NaN]));
        Assert.False(Answer.IsMissing([double.NaN, 1.0]));
        Assert.True(Answer.IsDefault<Func<float[], float[]>?>(null));
        Assert.True(Answer.IsDefault(0));
        Assert.False(Answer.IsDefault("x"));
    }

    [Fact]
    public void Relative_tolerance_scales_with_the_value_and_never_accepts_NaN()
    {
        Assert.True(Answer.CloseRelative(1e6 + 0.5, 1e6, 1e-6));
        Assert.False(Answer.CloseRelative(1e-6 + 1e-11, 1e-6, 1e-6));
        Assert.True(Answer.CloseRelative(double.PositiveInfinity, double.PositiveInfinity, 0));
        Assert.False(Answer.CloseRelative(double.NaN, double.NaN, 1));
        Assert.True(Answer.CloseRelative(0, 0, 0));
        Assert.False(Answer.CloseRelative(1e-300, 0, 1e-3));
    }

    [Fact]
    public void Same_bits_rejects_the_neighbouring_float_and_the_other_zero()
    {
        var x = MathF.Log(float.MaxValue);
        Assert.True(Answer.SameBits(x, x));
        Assert.False(Answer.SameBits(MathF.BitDecrement(x), x));
        Assert.False(Answer.SameBits(-0.0, 0.0));
        Assert.False(Answer.SameBits(double.NaN, double.NaN));
    }

    [Fact]
    public void Ulp_distance_counts_representable_steps()
    {
        Assert.Equal(0, Answer.UlpDistance(1f, 1f));
        Assert.Equal(1, Answer.UlpDistance(1f, MathF.BitIncrement(1f)));
        Assert.Equal(2, Answer.UlpDistance(MathF.BitDecrement(1f), MathF.BitIncrement(1f)));
        Assert.Equal(1, Answer.UlpDistance(-0.0, double.Epsilon));
        Assert.Equal(long.MaxValue, Answer.UlpDistance(1.0, 2.0));
        Assert.Equal(long.MaxValue, Answer.UlpDistance(float.NaN, 1f));
    }

    [Fact]
    public void Vectors_compare_element_wise_with_both_tolerances()
    {
        Assert.True(Answer.VectorsClose([1.0, 0.0], [1.0 + 1e-10, 1e-13], 1e-9, 1e-12));
        Assert.False(Answer.VectorsClose([1.0, 0.0], [1.0, 1e-11], 1e-9, 1e-12));
        Assert.False(Answer.VectorsClose([1.0], [1.0, 0.0], 1, 1));
        Assert.False(Answer.VectorsClose([double.NaN], [double.NaN], 1, 1));
        Assert.True(Answer.IsDistribution([0.25, 0.75]));
        Assert.False(Answer.IsDistribution([-0.25, 1.25]));
        Assert.False(Answer.IsDistribution([0.5, 0.6]));
    }
}

public class MistakeTests
{
    private const string Fallback = "fallback";

    [Theory]
    [InlineData(2.584962500721156, true)]          // log2 6 for ln 6 expected: bits instead of nats
    [InlineData(0.7781512503836436, true)]         // log10 6: hartleys
    [InlineData(1.791759469228055 * 1.01, false)]  // just wrong
    public void Wrong_log_base_is_recognised_from_the_unit_factor(double answer, bool recognised)
    {
        Assert.Equal(recognised, Mistake.WrongLogBase().Recognises(answer, Math.Log(6)));
    }

    [Fact]
    public void Sign_reciprocal_and_one_step_are_recognised()
    {
        Assert.True(Mistake.Sign().Recognises(-0.5, 0.5));
        Assert.False(Mistake.Sign().Recognises(0.0, 0.0));
        Assert.True(Mistake.Reciprocal().Recognises(8, 0.125));
        var boundary = MathF.Log(float.MaxValue);
        Assert.True(Mistake.OneFloatStep().Recognises(MathF.BitIncrement(boundary), boundary));
        Assert.False(Mistake.OneFloatStep().Recognises(boundary, boundary));
        Assert.True(Mistake.OneFloatStep(inDouble: true).Recognises(Math.BitDecrement(-710.0), -710.0));
    }

    [Fact]
    public void The_chooser_takes_the_first_mistake_that_explains_the_answer()
    {
        Mistake[] mistakes = [Mistake.Produces(3, "three"), Mistake.Sign("sign"), Mistake.When(a => a < 0, "negative")];
        Assert.Equal("three", Mistake.Choose(3, 7, Fallback, mistakes));
        Assert.Equal("sign", Mistake.Choose(-7, 7, Fallback, mistakes));
        Assert.Equal("negative", Mistake.Choose(-1, 7, Fallback, mistakes));
        Assert.Equal(Fallback, Mistake.Choose(5, 7, Fallback, mistakes));
        Assert.Equal(Fallback, Mistake.Choose(5, 7, Fallback, []));
    }

    [Fact]
    public void Probabilities_where_logits_were_expected_are_recognised()
    {
        double[] logits = [2.0, 0.5];   // not themselves a distribution
        var q = CrossEntropy.Numerics.StableMath.Softmax(logits);
        Assert.True(VectorMistake.ProbabilitiesForLogits().Recognises(q, logits));
        Assert.False(VectorMistake.ProbabilitiesForLogits().Recognises(logits, logits));
        Assert.True(VectorMistake.LogitsForProbabilities().Recognises(logits, q));
        Assert.False(VectorMistake.LogitsForProbabilities().Recognises(q, q));
        Assert.True(VectorMistake.Sign().Recognises([-0.1, 0.1], [0.1, -0.1]));
        Assert.Equal("p", VectorMistake.Choose([0.5, 0.5], [3.0, 1.0], Fallback,
            [VectorMistake.Produces([1.0, 1.0], "no"), VectorMistake.ProbabilitiesForLogits("p")]));
    }
}

public class ExerciseCheckTests
{
    private const string Name = "Exercise 0.1, a test";

    [Fact]
    public void Real_gives_three_verdicts_and_hides_the_expected_value()
    {
        var expected = Math.Log2(6);
        var full = Precision.Relative(1e-9);
        Verdict.Solved(ExerciseCheck.Real(Name, expected * (1 + 1e-12), expected, full, "fallback"));
        Verdict.NotSolvedYet(ExerciseCheck.Real(Name, double.NaN, expected, full, "fallback"));
        var wrongUnit = ExerciseCheck.Real(Name, Math.Log(6), expected, full, "fallback", Mistake.WrongLogBase());
        Verdict.Incorrect(wrongUnit, "base of your logarithm");
        Verdict.HidesValue(wrongUnit, expected);
        Verdict.Incorrect(ExerciseCheck.Real(Name, 2, expected, full, "fallback"), "fallback");
    }

    [Theory]
    [InlineData(2.585, true)]    // log₂ 6 = 2.58496…, rounded to 4 digits by hand
    [InlineData(2.58496, true)]  // more digits than asked for
    [InlineData(2.584, false)]   // cut off instead of rounded: one unit off
    [InlineData(2.586, false)]
    [InlineData(2.58, false)]    // 3 digits where 4 are asked for
    public void Real_accepts_a_hand_computation_at_the_stated_precision(double answer, bool solved)
    {
        var result = ExerciseCheck.Real(Name, answer, Math.Log2(6), Precision.SignificantDigits(4), "fallback");
        Assert.Equal(solved, result.IsSolved);
        if (solved)
        {
            Assert.Contains("4 significant digits", result.Message, StringComparison.Ordinal);
        }
        Verdict.HidesValue(result, Math.Log2(6));
    }

    [Fact]
    public void Real_says_right_to_n_digits_or_in_full_and_hints_a_near_miss()
    {
        var expected = Math.Log2(6);
        var fourDigits = Precision.SignificantDigits(4);
        Assert.StartsWith("right, to 4 significant digits", ExerciseCheck.Real(Name, 2.585, expected, fourDigits, "f").Message, StringComparison.Ordinal);
        Assert.Equal("your value matches the reference in full (asked for: 4 significant digits).",
            ExerciseCheck.Real(Name, expected, expected, fourDigits, "f").Message);
        Assert.Equal("your value matches the reference in full (asked for: the exact value).",
            ExerciseCheck.Real(Name, 4096, 4096, Precision.Exact, "f").Message);
        Verdict.Incorrect(ExerciseCheck.Real(Name, 2.584, expected, fourDigits, "fallback"), "one unit off");
        Verdict.Incorrect(ExerciseCheck.Real(Name, 2.5, expected, fourDigits, "fallback"), "fallback");
    }

    [Fact]
    public void A_mistake_rounded_to_the_stated_precision_is_still_recognised()
    {
        var expected = Math.Log2(6);
        // ln 6 = 1.791759…: the wrong base, rounded to 4 digits as the statement asks.
        var wrongBase = ExerciseCheck.Real(Name, 1.792, expected, Precision.SignificantDigits(4), "fallback", Mistake.WrongLogBase());
        Verdict.Incorrect(wrongBase, "base of your logarithm");
        Verdict.Incorrect(ExerciseCheck.Real(Name, -2.585, expected, Precision.SignificantDigits(4), "fallback", Mistake.Sign()), "sign");
        Verdict.Incorrect(ExerciseCheck.Real(Name, 1.792, expected, Precision.Relative(1e-9), "fallback", Mistake.WrongLogBase()), "fallback");
    }

    [Fact]
    public void Boundary_accepts_only_the_same_bits()
    {
        var boundary = MathF.BitDecrement(MathF.Log(float.MaxValue));
        Verdict.Solved(ExerciseCheck.Boundary(Name, boundary, boundary, "fallback"));
        Verdict.NotSolvedYet(ExerciseCheck.Boundary(Name, float.NaN, boundary, "fallback"));
        var step = ExerciseCheck.Boundary(Name, MathF.BitIncrement(boundary), boundary, "fallback", Mistake.OneFloatStep());
        Verdict.Incorrect(step, "one floating-point step");
        Verdict.HidesValue(step, boundary);
    }

    [Fact]
    public void Vector_reports_placeholder_length_NaN_and_mistakes()
    {
        double[] expected = [0.0986877, -0.0986877];
        var full = Precision.Relative(1e-9);
        Verdict.Solved(ExerciseCheck.Vector(Name, [0.0986877, -0.0986877], expected, full, "fallback"));
        Verdict.NotSolvedYet(ExerciseCheck.Vector(Name, null, expected, full, "fallback"));
        Verdict.NotSolvedYet(ExerciseCheck.Vector(Name, [double.NaN, double.NaN], expected, full, "fallback"));
        Verdict.Incorrect(ExerciseCheck.Vector(Name, [1.0], expected, full, "fallback"), "has 1 value; the exercise needs 2 values");
        Verdict.Incorrect(ExerciseCheck.Vector(Name, [double.NaN, 1], expected, full, "fallback"), "NaN");
        var sign = ExerciseCheck.Vector(Name, [-0.0986877, 0.0986877], expected, full, "fallback", VectorMistake.Sign());
        Verdict.Incorrect(sign, "wrong sign");
        Verdict.HidesValues(sign, expected);
        var threeDigits = Precision.SignificantDigits(3);
        Assert.StartsWith("every entry is right, to 3 significant digits",
            ExerciseCheck.Vector(Name, [0.0987, -0.0987], expected, threeDigits, "fallback").Message, StringComparison.Ordinal);
        Verdict.Incorrect(ExerciseCheck.Vector(Name, [0.0986, -0.0987], expected, threeDigits, "fallback"), "one unit off");
        Verdict.Incorrect(ExerciseCheck.Vector(Name, [-0.0987, 0.0987], expected, threeDigits, "fallback", VectorMistake.Sign()), "wrong sign");
    }

    [Fact]
    public void Choice_accepts_either_case_and_explains_wrong_letters()
    {
        var whyWrong = new Dictionary<char, string> { ['a'] = "a is wrong because", ['c'] = "c is wrong because" };
        Verdict.Solved(ExerciseCheck.Choice(Name, 'B', 'b', whyWrong, "right"));
        Verdict.NotSolvedYet(ExerciseCheck.Choice(Name, '?', 'b', whyWrong, "right"));
        Verdict.Incorrect(ExerciseCheck.Choice(Name, 'a', 'b', whyWrong, "right"), "a is wrong because");
        Verdict.Incorrect(ExerciseCheck.Choice(Name, 'z', 'b', whyWrong, "right"), "pick one of 'a', 'b', 'c'");
    }

    [Fact]
    public void Guarded_turns_exceptions_into_readable_messages()
    {
        double[]? unset = null;
        var nullAnswer = ExerciseCheck.Guarded(Name, () => ExerciseResult.Solved(Name, unset!.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Verdict.Incorrect(nullAnswer, "something in it is null");
        Verdict.Incorrect(ExerciseCheck.Guarded(Name, () => new[] { 1.0 }[2] > 0 ? null! : null!), "outside an array");
        var argument = ExerciseCheck.Guarded(Name, () => throw new ArgumentException("p has 3 entries but q has 2.", "q"));
        Verdict.Incorrect(argument, "p has 3 entries but q has 2");
        Assert.DoesNotContain("   at ", argument.ToString(), StringComparison.Ordinal);
        Verdict.Solved(ExerciseCheck.Guarded(Name, () => ExerciseResult.Solved(Name, "fine")));
    }
}

public class PrecisionTests
{
    [Theory]
    [InlineData(4.3219, 4.321928094887363, 4, true)]
    [InlineData(4.322, 4.321928094887363, 4, true)]
    [InlineData(4.321, 4.321928094887363, 4, false)]
    [InlineData(0.737, 0.7370, 3, true)]
    [InlineData(1000.4, 1000, 4, true)]      // 10³ exactly: the 4th digit is the units
    [InlineData(1000.6, 1000, 4, false)]
    [InlineData(999.94, 999.9, 4, true)]
    [InlineData(-2.079, -2.0794415416798357, 4, true)]
    [InlineData(2.079e-20, 2.0794415416798357e-20, 4, true)]
    [InlineData(2.078e-20, 2.0794415416798357e-20, 4, false)]
    public void Significant_digits_accept_half_a_unit_in_the_last_digit(double answer, double expected, int digits, bool accepted) =>
        Assert.Equal(accepted, Precision.SignificantDigits(digits).Accepts(answer, expected));

    [Fact]
    public void Zero_infinity_and_NaN_are_exact()
    {
        var four = Precision.SignificantDigits(4);
        Assert.True(four.Accepts(0, 0));
        Assert.False(four.Accepts(1e-300, 0));
        Assert.True(four.Accepts(double.PositiveInfinity, double.PositiveInfinity));
        Assert.False(four.Accepts(double.MaxValue, double.PositiveInfinity));
        Assert.False(four.Accepts(double.NaN, double.NaN));
        Assert.True(Precision.Exact.Accepts(4096, 4096));
        Assert.False(Precision.Exact.Accepts(4097, 4096));
    }

    [Fact]
    public void Decimal_places_and_relative_tolerances()
    {
        Assert.True(Precision.DecimalPlaces(3).Accepts(0.0985, 0.0986877));
        Assert.False(Precision.DecimalPlaces(3).Accepts(0.0980, 0.0986877));
        Assert.True(Precision.Relative(1e-6).Accepts(1e6 + 0.5, 1e6));
        Assert.True(Precision.Relative(0, 1e-12).Accepts(1e-13, 0));
        Assert.False(Precision.Relative(1e-6).Accepts(1e-6 + 1e-11, 1e-6));
    }

    [Fact]
    public void Descriptions_read_as_a_statement_says_them()
    {
        Assert.Equal("4 significant digits", Precision.SignificantDigits(4).ToString());
        Assert.Equal("1 significant digit", Precision.SignificantDigits(1).Description);
        Assert.Equal("3 decimal places", Precision.DecimalPlaces(3).Description);
        Assert.Equal("a relative tolerance of 1e-9", Precision.Relative(1e-9).Description);
        Assert.Equal("the exact value", Precision.Exact.Description);
    }

    [Fact]
    public void Near_miss_is_one_unit_off_and_recognition_is_never_tighter_than_the_precision()
    {
        var four = Precision.SignificantDigits(4);
        Assert.True(four.IsNearMiss(4.321, 4.321928094887363));
        Assert.False(four.IsNearMiss(4.322, 4.321928094887363));
        Assert.False(four.IsNearMiss(4.319, 4.321928094887363));
        Assert.False(Precision.Relative(1e-3).IsNearMiss(1.0015, 1));
        Assert.True(Precision.DecimalPlaces(2).IsNearMiss(0.104, 0.0986877));
        Assert.True(four.Recognises(1.792, Math.Log(6)));
        Assert.False(Precision.Default.Recognises(1.792, Math.Log(6)));
        Assert.True(Precision.Default.Recognises(Math.Log(6) * (1 + 1e-7), Math.Log(6)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    public void Out_of_range_digit_counts_are_refused(int digits)
    {
        Assert.Throws<ArgumentOutOfRangeException>(nameof(digits), () => Precision.SignificantDigits(digits));
    }

    [Fact]
    public void Negative_places_and_tolerances_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>("places", () => Precision.DecimalPlaces(-1));
        Assert.Throws<ArgumentOutOfRangeException>("relativeTolerance", () => Precision.Relative(-1e-9));
        Assert.Throws<ArgumentOutOfRangeException>("absoluteTolerance", () => Precision.Relative(0, -1));
    }
}
