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
    public void Merge_blocks_recognises_the_likely_mistakes()
    {
        double mA = A.Max(), mB = B.Max(), m = Math.Max(mA, mB);
        double sA = A.Sum(x => Math.Exp(x - mA)), sB = B.Sum(x => Math.Exp(x - mB));
        Verdict.Incorrect(Exercises07.MergeBlocks(m + Math.Log(sA + sB)), "different maxima");
        Verdict.Incorrect(Exercises07.MergeBlocks(Lse(A) + Lse(B)), "multiplies the sums");
        Verdict.Incorrect(Exercises07.MergeBlocks(Math.Max(Lse(A), Lse(B))), "leaves out");
        Verdict.Incorrect(Exercises07.MergeBlocks(Math.Log((sA * Math.Exp(mA - m)) + (sB * Math.Exp(mB - m)))), "add m back");
    }

    [Fact]
    public void Probability_matrix_bytes_accepts_bytes_and_names_unit_slips()
    {
        double entries = 4096.0 * 128000;
        Verdict.Solved(Exercises07.ProbabilityMatrixBytes(entries * 4));
        Verdict.NotSolvedYet(Exercises07.ProbabilityMatrixBytes(double.NaN));
        Verdict.Incorrect(Exercises07.ProbabilityMatrixBytes(entries * 8), "double precision");
        Verdict.Incorrect(Exercises07.ProbabilityMatrixBytes(entries), "number of entries");
        Verdict.Incorrect(Exercises07.ProbabilityMatrixBytes(128000.0 * 4), "one row");
        Verdict.Incorrect(Exercises07.ProbabilityMatrixBytes(entries * 4 / 1e6), "megabytes");
        Verdict.Incorrect(Exercises07.ProbabilityMatrixBytes(entries * 4 / (1 << 30)), "gibibytes");
        Verdict.HidesValue(Exercises07.ProbabilityMatrixBytes(1), entries * 4);
    }

    [Fact]
    public void Small_loss_form_choice()
    {
        Verdict.Choice(Exercises07.SmallLossForm, 'b', ('a', "overflows"), ('z', "not one of the choices"));
    }
}
