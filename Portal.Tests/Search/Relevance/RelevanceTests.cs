using Xunit.Abstractions;

namespace Portal.Tests.Search.Relevance;

/// <summary>
/// Regression guards on our relevance set: the default analyzer (Portal) finds every held-out query in the top 10 and
/// keeps the mean reciprocal rank measured for bench/README.md (issue 19) within 0.01; SmartCn keeps its own figures, so
/// the table there stays reproducible: <c>dotnet test --filter FullyQualifiedName~Relevance --logger "console;verbosity=detailed"</c>.
/// </summary>
public class RelevanceTests(ITestOutputHelper output)
{
    // Measured 5 December 2026 (bench/README.md, issue 19).
    private const double PortalTuningMrr = 1.000, PortalHeldOutMrr = 1.000;
    private const double SmartCnTuningMrr = 1.000, SmartCnHeldOutMrr = 0.976;
    private const int SmartCnTuningFound = 25, SmartCnHeldOutFound = 48;

    [Fact]
    public void Portal_FindsEveryHeldOutQuery_AndKeepsItsMrr()
    {
        var (tuning, heldOut) = RelevanceSet.MeasureLucene("Portal");
        output.WriteLine($"Portal tuning: {tuning}");
        output.WriteLine($"Portal held-out: {heldOut}");
        Assert.Equal(heldOut.Total, heldOut.Found);
        Assert.True(heldOut.Total >= 41);
        Assert.True(heldOut.Mrr >= PortalHeldOutMrr - 0.01, $"held-out MRR {heldOut.Mrr:0.000} < {PortalHeldOutMrr} - 0.01");
        Assert.Equal(tuning.Total, tuning.Found);
        Assert.True(tuning.Mrr >= PortalTuningMrr - 0.01, $"tuning MRR {tuning.Mrr:0.000} < {PortalTuningMrr} - 0.01");
    }

    [Fact]
    public void SmartCn_KeepsItsFigures()
    {
        var (tuning, heldOut) = RelevanceSet.MeasureLucene("SmartCn");
        output.WriteLine($"SmartCn tuning: {tuning}");
        output.WriteLine($"SmartCn held-out: {heldOut}");
        Assert.True(heldOut.Found >= SmartCnHeldOutFound && heldOut.Mrr >= SmartCnHeldOutMrr - 0.01, $"held-out {heldOut}");
        Assert.True(tuning.Found >= SmartCnTuningFound && tuning.Mrr >= SmartCnTuningMrr - 0.01, $"tuning {tuning}");
    }
}
