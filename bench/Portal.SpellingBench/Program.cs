// Builds the SpellingSuggester over a large vocabulary (jieba's dictionary: word and frequency per line, the frequency
// standing in for a document frequency) and times its build, memory and lookups. See bench/README.md, "Spelling".
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Portal.Indexing.Search.Spelling;

if (args.Length < 1)
{
    Console.Error.WriteLine("usage: Portal.SpellingBench <jieba.dict.utf8> [runs]");
    return 2;
}
var vocabulary = File.ReadLines(args[0]).Select(l => l.Split(' ')).Where(p => p.Length >= 2 && int.TryParse(p[1], out _))
    .Select(p => (p[0], int.Parse(p[1]))).ToList();
var runs = args.Length > 1 ? int.Parse(args[1]) : 5;
var pinyin = PinyinTable.Default;
Console.WriteLine($"vocabulary: {vocabulary.Count:N0} words");

var builds = new List<(double Wall, double Cpu, double Mb)>();
for (var run = 0; run < runs; run++) builds.Add(Build());
Console.WriteLine($"build: median {Median(builds.Select(b => b.Wall)):F0} ms wall, {Median(builds.Select(b => b.Cpu)):F0} ms CPU, " +
    $"{Median(builds.Select(b => b.Mb)):F1} MB retained ({runs} runs)");

var suggester = new SpellingSuggester(vocabulary, pinyin);
// Typos: 400 words of 2–4 characters with one character replaced by another character of the same reading (the usual
// error) or by the next code point (an arbitrary one); initials: the same words' first initials.
var random = new Random(19);
var byReading = Enumerable.Range(0x4E00, 0x9FA5 - 0x4E00).Select(c => (char)c).Where(c => pinyin.Readings(c).Count > 0)
    .GroupBy(c => pinyin.Readings(c)[0]).ToDictionary(g => g.Key, g => g.ToArray());
var sample = vocabulary.Select(v => v.Item1).Where(w => w.Length is >= 2 and <= 4 && pinyin.IsReadable(w)).OrderBy(_ => random.Next()).Take(400).ToList();
var typos = sample.Select(w =>
{
    var p = random.Next(w.Length);
    var same = byReading[pinyin.Readings(w[p])[0]];
    var c = random.Next(2) == 0 ? same[random.Next(same.Length)] : (char)(w[p] + 1);
    return w[..p] + c + w[(p + 1)..];
}).ToList();
var initials = sample.Select(w => pinyin.Initials(w)[0]).ToList();
Time("Corrections(typo).Take(5)", typos, q => suggester.Corrections(q).Take(5).Count());
Time("Spelled(initials).Take(5)", initials, q => suggester.Spelled(q).Take(5).Count());
return 0;

[MethodImpl(MethodImplOptions.NoInlining)]
(double, double, double) Build()
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    var before = GC.GetTotalMemory(true);
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    var s = new SpellingSuggester(vocabulary, pinyin);
    var wall = watch.Elapsed.TotalMilliseconds;
    var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
    var mb = (GC.GetTotalMemory(true) - before) / 1048576.0;
    GC.KeepAlive(s);
    return (wall, cpuMs, mb);
}

static void Time(string what, List<string> queries, Func<string, int> run)
{
    foreach (var q in queries.Take(50)) run(q);   // warm-up
    var times = new List<double>();
    var found = 0;
    foreach (var q in queries)
    {
        var watch = Stopwatch.StartNew();
        if (run(q) > 0) found++;
        times.Add(watch.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    Console.WriteLine($"{what}: p50 {times[times.Count / 2]:F3} ms, p99 {times[(int)(times.Count * 0.99)]:F3} ms, " +
        $"{found}/{queries.Count} with an answer");
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.OrderBy(v => v).ToList();
    return sorted[sorted.Count / 2];
}
