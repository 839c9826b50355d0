namespace Portal.Pages.Library.Import;

public enum FileFormat { Txt, Docx, Html, Jsonl }

public static class FileFormats
{
    public const string SupportedList = ".txt、.docx、.html/.htm、.jsonl";

    public static FileFormat? Of(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".txt" => FileFormat.Txt,
        ".docx" => FileFormat.Docx,
        ".html" or ".htm" => FileFormat.Html,
        ".jsonl" => FileFormat.Jsonl,
        _ => null,
    };

    /// <summary>The refusal for any other type: names what is supported and, for the usual suspects, what to do.</summary>
    public static string UnsupportedReason(string fileName)
    {
        var ext = Path.GetExtension(fileName).ToLowerInvariant();
        var hint = ext switch
        {
            ".doc" or ".wps" => "请先用 WPS 或 Word 另存为 .docx。",
            ".pdf" => "请先将 PDF 转换为文本（.txt）或 .docx。",
            ".zip" or ".rar" or ".7z" or ".gz" or ".tar" => "压缩包请解压后逐个上传。",
            ".jpg" or ".jpeg" or ".png" or ".gif" or ".bmp" or ".tif" or ".tiff" => "图片需先识别为文字。",
            _ => "",
        };
        var shown = string.IsNullOrEmpty(ext) ? "无扩展名" : ext;
        return $"不支持的文件类型（{shown}），仅支持 {SupportedList}。{hint}";
    }
}
