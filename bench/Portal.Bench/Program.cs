using System.Diagnostics;
using System.Text;
using Portal.Indexing.Analysis;

// Usage:
//   Portal.Bench analyze --mode cut ...        same as the portal's analyze verb (stdin → stdout)
//   Portal.Bench startup                       ms from nothing loaded to the first token
//   Portal.Bench throughput FILE [runs]        MB/s of cut and search over FILE (lines), median of runs
var mode = args.Length > 0 ? args[0] : "";
Console.OutputEncoding = new UTF8Encoding(false);
switch (mode)
{
    case "analyze":
        return AnalyzeCommand.Run(args[1..], new StreamReader(Console.OpenStandardInput(), Encoding.UTF8),
            new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = false }, Console.Error);
    case "startup":
    {
        // Wall time from nothing loaded to the first token, and the CPU time the process spent on it (all threads):
        // on a shared machine the second shows the work itself when other jobs stretch the first.
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var t = ChineseAnalyzer.Default.Cut("政府办公室督查督办工作");
        sw.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
        Console.WriteLine($"startup_ms {sw.Elapsed.TotalMilliseconds:F0} cpu_ms {cpu.TotalMilliseconds:F0} first_token {t[0].Text}");
        Console.WriteLine($"peak_working_set_mb {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0}");
        return 0;
    }
    case "throughput":
    {
        var lines = File.ReadAllLines(args[1], Encoding.UTF8);
        int runs = args.Length > 2 ? int.Parse(args[2]) : 5;
        double mb = new FileInfo(args[1]).Length / 1048576.0;
        var a = ChineseAnalyzer.Default;
        var list = new List<Token>(4096);
        foreach (var m in new[] { "cut", "search" })
        {
            var times = new List<double>();
            long count = 0;
            for (int r = 0; r < runs; r++)
            {
                count = 0;
                var sw = Stopwatch.StartNew();
                foreach (var l in lines)
                {
                    list.Clear();
                    if (m == "cut") a.Cut(l, list); else a.Search(l, list);
                    count += list.Count;
                }
                sw.Stop();
                times.Add(sw.Elapsed.TotalSeconds);
            }
            times.Sort();
            double med = times[times.Count / 2];
            Console.WriteLine($"{m} mb {mb:F1} median_s {med:F3} mb_per_s {mb / med:F2} tokens {count}");
        }
        Console.WriteLine($"peak_working_set_mb {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0}");
        return 0;
    }
    default:
        Console.Error.WriteLine("usage: Portal.Bench analyze|startup|throughput FILE [runs]");
        return 2;
}
