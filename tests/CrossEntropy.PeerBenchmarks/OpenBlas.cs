using System.Runtime.InteropServices;

namespace CrossEntropy.PeerBenchmarks;

/// <summary>
/// The two OpenBLAS entry points the comparison needs (Debian's libopenblas0-pthread provides libopenblas.so.0):
/// cblas_sgemm, C = α·op(A)·op(B) + β·C in row-major order, and the thread count, set to 1 to compare one core with one core.
/// </summary>
internal static partial class OpenBlas
{
    private const string Library = "libopenblas.so.0";
    private const int RowMajor = 101;
    private const int NoTranspose = 111;
    private const int Transpose = 112;

    [LibraryImport(Library, EntryPoint = "openblas_set_num_threads")]
    internal static partial void SetThreadCount(int threads);

    [LibraryImport(Library, EntryPoint = "openblas_get_config")]
    internal static partial IntPtr GetConfig();

    [LibraryImport(Library, EntryPoint = "cblas_sgemm")]
    private static unsafe partial void Sgemm(
        int order, int transposeA, int transposeB, int m, int n, int k,
        float alpha, float* a, int lda, float* b, int ldb, float beta, float* c, int ldc);

    /// <summary>C (m × n) = A·op(B), A m × k row-major, B n × k (transposed) or k × n, as MatrixMultiply.Multiply takes them.</summary>
    internal static unsafe void Multiply(float[] a, float[] b, bool transposeB, float[] c, int m, int n, int k)
    {
        fixed (float* pa = a, pb = b, pc = c)
        {
            Sgemm(RowMajor, NoTranspose, transposeB ? Transpose : NoTranspose, m, n, k, 1f, pa, k, pb, transposeB ? k : n, 0f, pc, n);
        }
    }
}
