namespace CrossEntropy.Numerics.Tests;

/// <summary>
/// MatrixMultiply promises every entry is one fma chain in k order: compared bit for bit with a plain loop of
/// Math.FusedMultiplyAdd, at sizes that cross every tile, panel and block edge, in all four transpositions.
/// </summary>
public class MatrixMultiplyTests
{
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 1, 1 },
        { 7, 33, 5 },
        { 8, 32, 256 },
        { 9, 17, 257 },
        { 70, 300, 513 },
        { 65, 257, 3 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Float_entries_are_fma_chains_in_k_order(int m, int n, int k)
    {
        var rng = new Random((m * 31) + n + k);
        float[] a = Random(rng, m * k), b = Random(rng, k * n), start = Random(rng, m * n);
        foreach (bool transposeA in new[] { false, true })
        {
            foreach (bool transposeB in new[] { false, true })
            {
                foreach (bool accumulate in new[] { false, true })
                {
                    float[] c = (float[])start.Clone();
                    MatrixMultiply.Multiply<float>(a, transposeA, b, transposeB, c, m, n, k, accumulate);
                    for (int i = 0; i < m; i++)
                    {
                        for (int j = 0; j < n; j++)
                        {
                            float chain = accumulate ? start[(i * n) + j] : 0;
                            for (int p = 0; p < k; p++)
                            {
                                float x = transposeA ? a[(p * m) + i] : a[(i * k) + p];
                                float y = transposeB ? b[(j * k) + p] : b[(p * n) + j];
                                chain = MathF.FusedMultiplyAdd(x, y, chain);
                            }

                            Assert.True(
                                BitConverter.SingleToInt32Bits(chain) == BitConverter.SingleToInt32Bits(c[(i * n) + j]),
                                $"{m}×{n}×{k} tA={transposeA} tB={transposeB} acc={accumulate}: c[{i},{j}] = {c[(i * n) + j]}, chain {chain}");
                        }
                    }
                }
            }
        }
    }

    [Fact]
    public void Double_product_matches_fma_chain_and_MathNet()
    {
        const int m = 37, n = 41, k = 300;
        var rng = new Random(3);
        double[] a = Enumerable.Range(0, m * k).Select(_ => rng.NextDouble() - 0.5).ToArray();
        double[] b = Enumerable.Range(0, k * n).Select(_ => rng.NextDouble() - 0.5).ToArray();
        double[] c = new double[m * n];
        MatrixMultiply.Multiply<double>(a, false, b, false, c, m, n, k);

        var mathNet = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(m, k, (i, p) => a[(i * k) + p])
            * MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(k, n, (p, j) => b[(p * n) + j]);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double chain = 0, magnitude = 0;
                for (int p = 0; p < k; p++)
                {
                    chain = Math.FusedMultiplyAdd(a[(i * k) + p], b[(p * n) + j], chain);
                    magnitude += Math.Abs(a[(i * k) + p] * b[(p * n) + j]);
                }

                Assert.Equal(chain, c[(i * n) + j]);
                Tolerance.Close(mathNet[i, j], c[(i * n) + j], 2 * k * Tolerance.EpsD * magnitude, 0, $"c[{i},{j}] against MathNet");
            }
        }
    }

    [Fact]
    public void Zero_depth_clears_or_keeps_C()
    {
        float[] c = [1, 2, 3, 4];
        MatrixMultiply.Multiply<float>([], false, [], false, c, 2, 2, 0, accumulate: true);
        Assert.Equal([1f, 2, 3, 4], c);
        MatrixMultiply.Multiply<float>([], false, [], false, c, 2, 2, 0);
        Assert.Equal([0f, 0, 0, 0], c);
    }

    [Fact]
    public void Bad_shapes_overlaps_and_types_are_refused()
    {
        float[] a = new float[6], b = new float[6], c = new float[4];
        Assert.Equal("a", Assert.Throws<ArgumentException>(() => MatrixMultiply.Multiply<float>(a.AsSpan(1), false, b, false, c, 2, 2, 3)).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentException>(() => MatrixMultiply.Multiply<float>(a, false, b.AsSpan(1), false, c, 2, 2, 3)).ParamName);
        Assert.Equal("c", Assert.Throws<ArgumentException>(() => MatrixMultiply.Multiply<float>(a, false, b, false, new float[5], 2, 2, 3)).ParamName);
        Assert.Equal("k", Assert.Throws<ArgumentOutOfRangeException>(() => MatrixMultiply.Multiply<float>(a, false, b, false, c, 2, 2, -3)).ParamName);
        float[] shared = new float[10];
        Assert.Equal("c", Assert.Throws<ArgumentException>(() => MatrixMultiply.Multiply<float>(shared.AsSpan(0, 6), false, b, false, shared.AsSpan(5, 4), 2, 2, 3)).ParamName);
        Assert.Throws<NotSupportedException>(() => MatrixMultiply.Multiply<Half>(new Half[6], false, new Half[6], false, new Half[4], 2, 2, 3));
    }

    private static float[] Random(Random rng, int length) =>
        Enumerable.Range(0, length).Select(_ => (float)((rng.NextDouble() * 2) - 1)).ToArray();
}
