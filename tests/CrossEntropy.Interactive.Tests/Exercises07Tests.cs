using CrossEntropy.Interactive.Exercises;

namespace CrossEntropy.Interactive.Tests;

public class Exercises07Tests
{
    private static readonly double[] A = [.. Exercises07.BlockA];
    private static readonly double[] B = [.. Exercises07.BlockB];

    private static double Lse(double[] x) => Math.Log(x.Sum(Math.Exp));

    [Fact]
    public void Merge_blocks_accepts_the_merged_log_sum_exp_and_hides_it()
    {
        double right = Lse([.. A, .. B]);
        Verdict.Solved(Exercises07.MergeBlocks(right));
        Verdict.NotSolvedYet(Exercises07.MergeBlocks(double.NaN));
        ExerciseResult wrong = Exercises07.MergeBlocks(right + 0.5);
        Verdict.Incorrect(wrong, "larger maximum");
        Verdict.HidesValue(wrong, right);
    }

    [Fact]
    public void Merge_blocks_accepts_a_hand_answer_at_the_4_digits_the_statement_asks_for()
    {
        double right = Lse([.. A, .. B]);
        double byHand = Math.Round(right, 3); // 4 significant digits: the value is between 1 and 10
        Assert.NotEqual(right, byHand);
        ExerciseResult result = Exercises07.MergeBlocks(byHand);
        Verdict.Solved(result);
        Assert.Contains("4 significant digits", result.Message, StringComparison.Ordinal);
        Verdict.HidesValue(result, right);
    }

    [Fact]
    public void Merge_blocks_recognises_the_likely_mistakes()
    {
        double mA = A.Max(), mB = B.Max(), m = Math.Max(mA, mB);
        double sA = A.Sum(x => Math.Exp(x - mA)), sB = B.Sum(x => Math.Exp(x - mB));
        Verdict.Incorrect(Exercises07.MergeBlocks(m + Math.Log(sA + sB)), "different maxima");
        Verdict.Incorrect(Exercises07.MergeBlocks(Lse(A) + Lse(B)), "multiplies the sums");
        Verdict.Incorrect(Exercises07.MergeBlocks(Math.Max(Lse(A), Lse(B))), "leaves out");
        Verdict.Incorrect(Exercises07.MergeBlocks(Math.Log((sA * Math.Exp(mA - m)) + (sB * Math.Exp(mB - m)))), "add m back");
        // The same mistakes rounded to 4 digits, as a student following the statement would write them.
        Verdict.Incorrect(Exercises07.MergeBlocks(Math.Round(m + Math.Log(sA + sB), 3)), "different maxima");
        Verdict.Incorrect(Exercises07.MergeBlocks(Math.Round(Lse(A) + Lse(B), 2)), "multiplies the sums");
    }

    [Fact]
    public void Matrix_bytes_accepts_the_exact_bytes_and_names_unit_slips()
    {
        double entries = 16.0 * 1024 * 256000; // independent of the check: 16 sequences × 1,024 tokens × 256,000 classes
        double bytes = entries * 2;              // bfloat16
        Verdict.Solved(Exercises07.MatrixBytes(bytes));
        Verdict.NotSolvedYet(Exercises07.MatrixBytes(double.NaN));
        Verdict.Incorrect(Exercises07.MatrixBytes(entries * 4), "float32");
        Verdict.Incorrect(Exercises07.MatrixBytes(entries * 8), "double precision");
        Verdict.Incorrect(Exercises07.MatrixBytes(entries), "number of entries");
        Verdict.Incorrect(Exercises07.MatrixBytes(bytes * 8), "bits");
        Verdict.Incorrect(Exercises07.MatrixBytes(256000.0 * 2), "one row");
        Verdict.Incorrect(Exercises07.MatrixBytes(bytes / 1e6), "megabytes");
        Verdict.Incorrect(Exercises07.MatrixBytes(bytes / 1e9), "gigabytes");
        Verdict.Incorrect(Exercises07.MatrixBytes(bytes / (1 << 30)), "gibibytes");
        Verdict.HidesValue(Exercises07.MatrixBytes(1), bytes);
        Verdict.HidesValue(Exercises07.MatrixBytes(bytes + 2), bytes);
    }

    [Fact]
    public void Tiny_loss_accepts_the_fused_form_and_a_3_digit_hand_answer()
    {
        // Independent reference: for logits [36, 1, 0] and target 0 the loss is log1p(e^−35 + e^−36), and for a
        // rest r this small log1p(r) = r − r²/2 + … differs from r by far less than 1e−30.
        double rest = Math.Exp(-35) + Math.Exp(-36);
        Verdict.Solved(Exercises07.TinyLoss(rest));
        ExerciseResult byHand = Exercises07.TinyLoss(8.62e-16);
        Verdict.Solved(byHand);
        Assert.Contains("3 significant digits", byHand.Message, StringComparison.Ordinal);
        Verdict.HidesValue(byHand, rest);
        Verdict.NotSolvedYet(Exercises07.TinyLoss(double.NaN));
        Verdict.Incorrect(Exercises07.TinyLoss(8.63e-16), "round"); // one unit off in the third digit
    }

    [Fact]
    public void Tiny_loss_names_the_cancellation_and_the_naive_log1p()
    {
        double rest = Math.Exp(-35) + Math.Exp(-36);
        Verdict.Incorrect(Exercises07.TinyLoss(0), "nearly equal");
        Verdict.Incorrect(Exercises07.TinyLoss(Math.Log(1 + rest)), "accurate log1p");
        Verdict.Incorrect(Exercises07.TinyLoss(double.LogP1(rest)), "accurate log1p"); // .NET's own LogP1 rounds 1 + r first
        Verdict.Incorrect(Exercises07.TinyLoss(8.88e-16), "accurate log1p");
        Verdict.Incorrect(Exercises07.TinyLoss(Math.Exp(-35)), "only the largest");
        Verdict.Incorrect(Exercises07.TinyLoss(6.31e-16), "only the largest");
        Verdict.Incorrect(Exercises07.TinyLoss(Math.Exp(-36)), "only the smallest");
        Verdict.Incorrect(Exercises07.TinyLoss(-rest), "sign");
        foreach (double wrong in new[] { 0, 8.88e-16, 6.31e-16, -rest })
        {
            Verdict.HidesValue(Exercises07.TinyLoss(wrong), rest);
        }
    }
}
