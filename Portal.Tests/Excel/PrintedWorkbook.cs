using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Xml.Linq;

namespace Portal.Tests.Excel;

/// <summary>
/// A test that renders workbooks the way an office prints them: LibreOffice headless (Debian libreoffice-calc-nogui)
/// turns the .xlsx into PDF and poppler's pdftotext -bbox reads the words back with their boxes. Skipped with the reason
/// where soffice is absent, unless PORTAL_REQUIRE_LIBREOFFICE=1 (set by .ci/run), when it must run.
/// </summary>
public sealed class LibreOfficeFactAttribute : FactAttribute
{
    public const string Soffice = "/usr/bin/soffice", PdfToText = "/usr/bin/pdftotext";

    public LibreOfficeFactAttribute()
    {
        if ((!File.Exists(Soffice) || !File.Exists(PdfToText)) && Environment.GetEnvironmentVariable("PORTAL_REQUIRE_LIBREOFFICE") != "1")
            Skip = $"LibreOffice or pdftotext not found ({Soffice}, {PdfToText}: apt-get install libreoffice-calc-nogui poppler-utils); .ci/run installs them";
    }
}

/// <summary>A word on a printed page, in points from the page's top left.</summary>
public sealed record PrintedWord(string Text, double XMin, double YMin, double XMax, double YMax)
{
    public double Height => YMax - YMin;
}

public sealed record PrintedPage(double Width, double Height, IReadOnlyList<PrintedWord> Words)
{
    public string Text => string.Concat(Words.Select(w => w.Text));

    /// <summary>The words of the line that holds <paramref name="text"/> and below it (the body under a header row).</summary>
    public IEnumerable<PrintedWord> Below(double y) => Words.Where(w => w.YMin > y);

    public PrintedWord? Find(string text) => Words.FirstOrDefault(w => w.Text.Contains(text));
}

public static class PrintedWorkbook
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    /// <summary>The pages of the workbook as LibreOffice prints it (every sheet, in order).</summary>
    public static async Task<IReadOnlyList<PrintedPage>> PrintAsync(byte[] xlsx)
    {
        var dir = Directory.CreateTempSubdirectory("portal-print-");
        try
        {
            var source = Path.Combine(dir.FullName, "book.xlsx");
            await File.WriteAllBytesAsync(source, xlsx);
            // A profile of its own: two soffice processes sharing one profile wait on each other's lock.
            var profile = new Uri(Path.Combine(dir.FullName, "profile")).AbsoluteUri;
            await OneAtATime.WaitAsync();
            try { await RunAsync(LibreOfficeFactAttribute.Soffice, "--headless", "--norestore", $"-env:UserInstallation={profile}", "--convert-to", "pdf", "--outdir", dir.FullName, source); }
            finally { OneAtATime.Release(); }
            var pdf = Path.Combine(dir.FullName, "book.pdf");
            Assert.True(File.Exists(pdf), "LibreOffice wrote no PDF");
            return await ReadPdfAsync(await File.ReadAllBytesAsync(pdf));
        }
        finally { dir.Delete(recursive: true); }
    }

    /// <summary>The words of a PDF (a workbook printed by LibreOffice, a page printed by Chromium) with their boxes, page by page.</summary>
    public static async Task<IReadOnlyList<PrintedPage>> ReadPdfAsync(byte[] pdf)
    {
        var dir = Directory.CreateTempSubdirectory("portal-pdf-");
        try
        {
            var file = Path.Combine(dir.FullName, "print.pdf");
            await File.WriteAllBytesAsync(file, pdf);
            var html = Path.Combine(dir.FullName, "print.html");
            await RunAsync(LibreOfficeFactAttribute.PdfToText, "-bbox", file, html);
            return Parse(await File.ReadAllTextAsync(html));
        }
        finally { dir.Delete(recursive: true); }
    }

    private static readonly Lazy<Task<double>> Ratio = new(async () =>
    {
        // 10 pt text on a sheet too small to be scaled: how tall pdftotext's box is for a point of type with the fonts here.
        using var wb = Portal.Excel.ExcelWriter.NewWorkbook();
        wb.AddWorksheet("校准").Cell(1, 1).SetValue("校准文字");
        using var ms = new MemoryStream();
        Portal.Excel.ExcelWriter.Save(wb, ms);
        var word = (await PrintAsync(ms.ToArray()))[0].Find("校准文字")!;
        return word.Height / Portal.Excel.ExcelWriter.BodyFontSize;
    });

    /// <summary>Box height per point of type size (about 1.3 with Noto CJK): a word's printed size is its height divided by this.</summary>
    public static Task<double> BoxPerPointAsync() => Ratio.Value;

    private static IReadOnlyList<PrintedPage> Parse(string html)
    {
        // pdftotext writes XHTML; its DOCTYPE and entities are plain enough for XDocument once the DOCTYPE is dropped.
        var start = html.IndexOf("<html", StringComparison.Ordinal);
        var doc = XDocument.Parse(html[start..]);
        XNamespace ns = "http://www.w3.org/1999/xhtml";
        double D(XElement e, string a) => double.Parse(e.Attribute(a)!.Value, CultureInfo.InvariantCulture);
        return doc.Descendants(ns + "page").Select(p => new PrintedPage(D(p, "width"), D(p, "height"),
            p.Descendants(ns + "word").Select(w => new PrintedWord(WebUtility.HtmlDecode(w.Value), D(w, "xMin"), D(w, "yMin"), D(w, "xMax"), D(w, "yMax"))).ToList())).ToList();
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try { await p.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { p.Kill(entireProcessTree: true); throw new TimeoutException($"{file} took over 3 minutes"); }
        Assert.True(p.ExitCode == 0, $"{file} exited {p.ExitCode}: {await stderr} {await stdout}");
    }
}
