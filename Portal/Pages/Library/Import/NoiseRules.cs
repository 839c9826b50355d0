using System.Text.RegularExpressions;

namespace Portal.Pages.Library.Import;

/// <summary>
/// Whole lines that are not content: each rule is one family of web, download-site or converter debris,
/// recognised by its signature rather than by a particular site's wording.
/// </summary>
public static partial class NoiseRules
{
    public sealed record Rule(string Name, Func<string, bool> Matches);

    public static readonly IReadOnlyList<Rule> All = new Rule[]
    {
        new("面包屑导航", l => Breadcrumb().IsMatch(l)),
        new("网站横幅", l => l.Length <= 60 && SiteBanner().IsMatch(l)),
        new("网站导语", l => SiteIntro().IsMatch(l)),
        new("微信/QQ 广告", l => ContactAd().IsMatch(l) && (l.Length <= 80 || AdScore(l) >= 3)),
        new("广告", l => l.Length <= 60 && AdScore(l) >= 2),
        new("下载站界面", l => DownloadChrome().IsMatch(l)),
        new("会员/投诉提示", l => l.Length <= 40 && MemberChrome().IsMatch(l)),
        new("展开/收起", l => ExpandLine().IsMatch(l)),
        new("来源署名", l => l.Length <= 160 && Attribution().IsMatch(l)),
        new("版权声明", l => l.Length <= 80 && Copyright().IsMatch(l)),
        new("网页时间戳", l => l.Length <= 80 && PageStamp().IsMatch(l)),
        new("孤立日期", l => BareDate().IsMatch(l)),
        new("分页残留", l => PageDebris().IsMatch(l)),
        new("期刊元数据", l => l.Length <= 80 && JournalMeta().IsMatch(l)),
    };

    public static bool IsNoise(string line) => All.Any(r => r.Matches(line));

    /// <summary>The first rule a line matches, for tests and for explaining a removal.</summary>
    public static string? RuleOf(string line) => All.FirstOrDefault(r => r.Matches(line))?.Name;

    /// <summary>首页 > 文章中心 > 正文, 当前位置：首页 » …, 首页 精品范文 工作总结.</summary>
    [GeneratedRegex(@"^(首页|首頁|主页|当前位置|當前位置|您的位置|您现在的位置|你的位置|位置)\s*[:：]?\s*(\S{0,12}\s*(>|＞|»|›|→|/|\s)\s*){1,8}\S{0,30}$")]
    private static partial Regex Breadcrumb();

    [GeneratedRegex(@"(欢迎(来到|访问|光临)|歡迎(來到|訪問|光臨)|设为首页|加入收藏|登录\s*[|｜/]\s*注册)")]
    private static partial Regex SiteBanner();

    /// <summary>A site's own intro above the text: 本站为你精心整理…, 小编精心整理…, 我们的客服…</summary>
    [GeneratedRegex(@"(本站|小编|小編|我们的客服|我們的客服)\S{0,20}(整理|收集|提供|为你|為你|为您|為您|帮助|幫助|推荐|推薦)|精心(整理|为你|为您|為你|挑选|收集)")]
    private static partial Regex SiteIntro();

    [GeneratedRegex(@"(微信|微信号|公众号|公眾號|QQ|qq)群?\s*[:：]\s*[A-Za-z0-9_-]{5,}|(请加|請加|加入|进|進)(微信|QQ|qq)?群|(QQ|qq|扣扣)\s*[:：]?\s*\d{5,}|扫码|掃碼|扫描二维码")]
    private static partial Regex ContactAd();

    private static readonly string[] AdWords =
    {
        "微信", "QQ", "加群", "进群", "素材", "免费", "会员", "订阅", "下载", "客服", "海量", "每日更新",
        "实时分享", "扫码", "优惠", "领取", "禁止外传", "倒卖", "站内", "权益",
    };

    internal static int AdScore(string line) => AdWords.Count(w => line.Contains(w, StringComparison.OrdinalIgnoreCase));

    /// <summary>999+, 19.9KB, 5 页, 海报, 举报, 分享, 收藏 — the buttons and counters of a download page.</summary>
    [GeneratedRegex(@"^(\d{1,6}\+?|\d+(\.\d+)?\s*(KB|MB|K|M|B|字节)|(共\s*)?\d+\s*页|第\s*\d+\s*页|海报|分享|收藏|下载|举报|打印|评论|点赞|阅读\s*\d*|浏览\s*\d*|上一篇.*|下一篇.*|返回(首页|顶部|列表))$", RegexOptions.IgnoreCase)]
    private static partial Regex DownloadChrome();

    [GeneratedRegex(@"^VIP|VIP\S{0,4}$|侵权投诉|侵權投訴|仅供学习|僅供學習|禁止外传|免费领取|(会员|會員)(专享|专免|资料|群|登录|开通)|(开通|订阅|登录)(会员|VIP)", RegexOptions.IgnoreCase)]
    private static partial Regex MemberChrome();

    [GeneratedRegex(@"^(摘要|简介)?\s*[:：]?\s*(展开|收起|阅读全文|查看全文)?\s*(>>|<<|»|«)?\s*$")]
    private static partial Regex ExpandLine();

    /// <summary>来源于某网站，欢迎阅读…; 本文档由某网收集整理…; 本文由…整理; 来源：网络 作者：…</summary>
    [GeneratedRegex(@"(来源于|來源於)\S{0,30}?(欢迎阅读|歡迎閱讀|[A-Za-z]{4,}|\.com|\.net|\.cn|网站|網站)|^(本文档由|本文檔由|本文由|本篇文章由|文章来源|转载自|轉載自)|收集整理.{0,20}(请移步|站内|查找|下载)|^来源\s*[:：].{0,40}(作者|编辑|责任编辑)\s*[:：]")]
    private static partial Regex Attribution();

    [GeneratedRegex(@"^(版权所有|版權所有|Copyright|©|\(c\))|(版权所有|版權所有)\s*$|未经(授权|许可).{0,20}(转载|复制)", RegexOptions.IgnoreCase)]
    private static partial Regex Copyright();

    /// <summary>A page's own timestamps (更新时间, 发布时间, 时间:2022-06-15 15:56:08): never the document's date.</summary>
    [GeneratedRegex(@"^(更新时间|更新時間|发布时间|發布時間|发布日期|上传时间|时间|時間|浏览|点击)\s*[:：]\s*\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(\s+\d{1,2}:\d{2}(:\d{2})?)?.*$|(更新时间|发布时间|浏览次数|阅读量|点击数)\s*[:：]")]
    private static partial Regex PageStamp();

    /// <summary>An ISO date alone on a line (an upload stamp); the document's own dates are written 2024年3月5日.</summary>
    [GeneratedRegex(@"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(\s+\d{1,2}:\d{2}(:\d{2})?)?$")]
    private static partial Regex BareDate();

    /// <summary>文献标识码:A, 文章编号:…, 中图分类号:… — a journal's catalogue data, not the article's text.</summary>
    [GeneratedRegex(@"^(文献标识码|文献标志码|文章编号|中图分类号|DOI)\s*[:：]", RegexOptions.IgnoreCase)]
    private static partial Regex JournalMeta();

    /// <summary>「 1, - 2 -, 3/5, a lone bracket or number left from pagination.</summary>
    [GeneratedRegex(@"^[\p{P}\p{S}\s]{0,3}\d{0,3}[\p{P}\p{S}\s]{0,3}$|^\d{1,3}\s*/\s*\d{1,3}$|^-\s*\d{1,3}\s*-$")]
    private static partial Regex PageDebris();
}
