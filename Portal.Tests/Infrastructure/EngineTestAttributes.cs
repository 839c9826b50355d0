using Xunit.Abstractions;
using Xunit.Sdk;

namespace Portal.Tests.Infrastructure;

/// <summary>Marks a test class whose tests need PostgreSQL (<see cref="PostgresTestDatabase"/>).</summary>
public interface IPostgresTests;

/// <summary>
/// A fact declared once (in a base class) and run by each engine's subclass. Skipped, like
/// <see cref="PostgresFactAttribute"/>, when the subclass is an <see cref="IPostgresTests"/> and no server is configured:
/// xunit 2 reads a fact's Skip once per method, so the decision is made per class, in the discoverer.
/// </summary>
[XunitTestCaseDiscoverer("Portal.Tests.Infrastructure.EngineFactDiscoverer", "Portal.Tests")]
public sealed class EngineFactAttribute : FactAttribute;

/// <summary>The theory counterpart of <see cref="EngineFactAttribute"/>.</summary>
[XunitTestCaseDiscoverer("Portal.Tests.Infrastructure.EngineTheoryDiscoverer", "Portal.Tests")]
public sealed class EngineTheoryAttribute : TheoryAttribute;

internal static class EngineSkip
{
    /// <summary>Why this class's tests cannot run here, or null.</summary>
    public static string? Reason(ITestMethod method) =>
        typeof(IPostgresTests).IsAssignableFrom(method.TestClass.Class.ToRuntimeType())
        && PostgresTestDatabase.ServerConnectionString is null
        && Environment.GetEnvironmentVariable("PORTAL_REQUIRE_POSTGRES") != "1"
            ? $"{PostgresTestDatabase.Variable} not set (scripts/pg-test-server starts a server); .ci/run sets it"
            : null;

    public static IXunitTestCase Skipped(IMessageSink sink, ITestFrameworkDiscoveryOptions options, ITestMethod method, string reason) =>
        new XunitSkippedDataRowTestCase(sink, options.MethodDisplayOrDefault(), options.MethodDisplayOptionsOrDefault(), method, reason);
}

public sealed class EngineFactDiscoverer(IMessageSink sink) : IXunitTestCaseDiscoverer
{
    private readonly FactDiscoverer _facts = new(sink);

    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions options, ITestMethod method, IAttributeInfo attribute) =>
        EngineSkip.Reason(method) is { } reason ? [EngineSkip.Skipped(sink, options, method, reason)] : _facts.Discover(options, method, attribute);
}

public sealed class EngineTheoryDiscoverer(IMessageSink sink) : IXunitTestCaseDiscoverer
{
    private readonly TheoryDiscoverer _theories = new(sink);

    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions options, ITestMethod method, IAttributeInfo attribute) =>
        EngineSkip.Reason(method) is { } reason ? [EngineSkip.Skipped(sink, options, method, reason)] : _theories.Discover(options, method, attribute);
}
