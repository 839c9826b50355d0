using System.Diagnostics;
using System.Globalization;

/// <summary>How the benchmark measures time: warm-up to a compiler at rest, and per-query wall and thread-CPU times.</summary>
static class Timing
{
    // The steady state of a server that has been up for a while: warm-up rounds (other words than those measured) until
    // a round leaves nothing to compile. After each round, waits until this process compiles no more methods and the
    // server, if any, uses no CPU for half a second (the tiered compiler works in the background, and its instrumented
    // tier needs a second round of calls before the final code: one round left a quarter of the code unoptimised and
    // doubled the measured latencies). Stops when the wait took under a second (the round compiled next to nothing),
    // after six rounds at most.
    public static void WarmUp(Action round, Process? server)
    {
        double ServerCpu() { if (server is null) return 0; server.Refresh(); return server.TotalProcessorTime.TotalMilliseconds; }
        var waits = new List<double>();
        do
        {
            round();
            var clock = Stopwatch.StartNew();
            var (jit, cpu, quiet) = (System.Runtime.JitInfo.GetCompiledMethodCount(), ServerCpu(), 0);
            while (quiet < 2 && clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                Thread.Sleep(250);
                var (j, c) = (System.Runtime.JitInfo.GetCompiledMethodCount(), ServerCpu());
                quiet = j == jit && c - cpu < 10 ? quiet + 1 : 0;
                (jit, cpu) = (j, c);
            }
            waits.Add(clock.Elapsed.TotalSeconds);
        } while (waits[^1] >= 1.0 && waits.Count < 6);
        Console.WriteLine($"   (warm-up: {waits.Count} rounds, compiler idle after {string.Join(", ", waits.Select(w => w.ToString("0.0", CultureInfo.InvariantCulture)))} s)");
    }

    // CPU time of the calling thread (Linux: CLOCK_THREAD_CPUTIME_ID), in milliseconds.
    public static double ThreadCpu()
    {
        Native.clock_gettime(3, out var ts);
        return ts.Seconds * 1000.0 + ts.Nanoseconds / 1e6;
    }

    /// <summary>Runs each query once, in order: wall and thread-CPU milliseconds per query.</summary>
    public static (List<double> Wall, List<double> Cpu) Each(List<string> queries, Action<string> run)
    {
        var wall = new List<double>(queries.Count);
        var cpu = new List<double>(queries.Count);
        foreach (var q in queries)
        {
            var c0 = ThreadCpu();
            var sw = Stopwatch.StartNew();
            run(q);
            wall.Add(sw.Elapsed.TotalMilliseconds);
            cpu.Add(ThreadCpu() - c0);
        }
        return (wall, cpu);
    }
}

static class BenchStats
{
    /// <summary>p50, p99 (nearest rank) and the maximum of the times (sorts them).</summary>
    public static (double P50, double P99, double Max) Of(List<double> times)
    {
        times.Sort();
        double P(double q) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];
        return (P(0.50), P(0.99), times[^1]);
    }
}
