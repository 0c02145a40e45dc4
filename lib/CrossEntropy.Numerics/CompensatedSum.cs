namespace CrossEntropy.Numerics;

/// <summary>
/// Neumaier's compensated summation: carries the rounding error of each addition, so the result of n additions
/// is accurate to O(ε) instead of O(nε). Infinite terms make the sum infinite, as in plain summation.
/// </summary>
internal struct CompensatedSum
{
    private double _sum;
    private double _compensation;

    // The compensation only accumulates while the running sum is finite, so it is always finite itself: adding it to
    // an infinite or NaN sum leaves that sum unchanged.
    public readonly double Value => _sum + _compensation;

    public void Add(double x)
    {
        double t = _sum + x;
        if (double.IsFinite(t))
        {
            _compensation += Math.Abs(_sum) >= Math.Abs(x) ? (_sum - t) + x : (x - t) + _sum;
        }

        _sum = t;
    }
}
