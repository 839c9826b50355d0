using System.Text;

namespace Portal.Pages.Library.Import;

/// <summary>
/// Reads the bytes of a plain-text file: UTF-8 with or without BOM, UTF-16 LE/BE with BOM, and otherwise
/// GB18030 (a superset of GBK and GB2312) when the bytes are not valid UTF-8 — what older office PCs save.
/// </summary>
public static class TextDecoder
{
    static TextDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Decode(byte[] bytes)
    {
        if (bytes.Length == 0) throw new ImportRefusedException("文件为空。");
        string text;
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
            text = Utf8OrRefuse(bytes, 3);
        else if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
            text = Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2);
        else if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
            text = Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2);
        else
        {
            try { text = StrictUtf8.GetString(bytes); }
            catch (DecoderFallbackException) { text = Encoding.GetEncoding("GB18030").GetString(bytes); }
        }
        // A binary file renamed to .txt decodes to control characters; refuse it instead of importing garbage.
        var control = text.Count(c => c < ' ' && c != '\n' && c != '\r' && c != '\t');
        if (control > Math.Max(8, text.Length / 100))
            throw new ImportRefusedException("文件内容不是文本（可能是改了扩展名的其他格式文件）。");
        if (string.IsNullOrWhiteSpace(text)) throw new ImportRefusedException("文件为空。");
        return text;
    }

    private static string Utf8OrRefuse(byte[] bytes, int offset)
    {
        try { return StrictUtf8.GetString(bytes, offset, bytes.Length - offset); }
        catch (DecoderFallbackException) { throw new ImportRefusedException("文件标明为 UTF-8 编码，但内容不是有效的 UTF-8。"); }
    }
}
