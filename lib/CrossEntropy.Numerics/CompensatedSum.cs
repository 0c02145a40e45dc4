namespace CrossEntropy.Numerics;

/// <summary>
/// Neumaier's compensated summation: carries the rounding error of each addition, so the result of n additions
/// is accurate to O(ε) instead of O(nε). Infinite terms make the sum infinite, as in plain summation.
/// </summary>
internal struct CompensatedSum
{
    private double _sum;
    private double _compensation;

    public readonly double Value => double.IsFinite(_sum) ? _sum + _compensation : _sum;

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
