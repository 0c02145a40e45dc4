using System.Text.Encodings.Web;
using System.Text.Json;

namespace NotebookSite;

/// <summary>
/// Every word of the site's frame in one language: what the pages' HTML says (skip link, search, downloads, pager,
/// table of contents, colophon, folded answers) and what site.js writes into a page (copy and wrap buttons, the
/// scroll hint, the theme toggle, "nothing found"). The one place the interface is translated: <see cref="English"/>
/// and <see cref="Chinese"/> (terms from <c>notebooks/translations/zh-CN/terms.json</c>); site.js reads its strings
/// from the page (<see cref="ScriptJson"/>), never from a table of its own.
/// </summary>
public sealed record SiteText
{
    /// <summary>The language tag of the pages (<c>lang</c>, <c>hreflang</c>).</summary>
    public required string Lang { get; init; }

    /// <summary>The language's own name, the label of a switch leading to its pages ("English", "中文").</summary>
    public required string LanguageName { get; init; }

    /// <summary>The switch's tooltip, in the language it leads to.</summary>
    public required string SwitchTitle { get; init; }

    /// <summary>The tooltip of a switch from a page that has no twin in this language (it leads to this edition's index).</summary>
    public required string SwitchToIndexTitle { get; init; }

    /// <summary>The accessible name of the language switch's group.</summary>
    public required string SwitchLabel { get; init; }

    /// <summary>The skip link.</summary>
    public required string SkipToText { get; init; }

    /// <summary>The search box's label and placeholder.</summary>
    public required string Search { get; init; }

    /// <summary>Before the download links.</summary>
    public required string Download { get; init; }

    /// <summary>The notebook's download link.</summary>
    public required string ThisNotebook { get; init; }

    /// <summary>The kernel-free app's download link.</summary>
    public required string KernelFreeApp { get; init; }

    /// <summary>The app's tooltip; <c>{0}</c> is the app's file name.</summary>
    public required string KernelFreeAppTitle { get; init; }

    /// <summary>The student hand-out's download link.</summary>
    public required string HandOut { get; init; }

    /// <summary>Between download links.</summary>
    public required string ListSeparator { get; init; }

    /// <summary>The pager's link to the previous page.</summary>
    public required string Previous { get; init; }

    /// <summary>The pager's link to the next page.</summary>
    public required string Next { get; init; }

    /// <summary>The header pager's accessible name.</summary>
    public required string PagerLabel { get; init; }

    /// <summary>The footer pager's accessible name.</summary>
    public required string PagerLabelAtEnd { get; init; }

    /// <summary>The table of contents' title.</summary>
    public required string OnThisPage { get; init; }

    /// <summary>The table of contents' only entry on a page without sections.</summary>
    public required string TopOfPage { get; init; }

    /// <summary>The list of notebooks' title.</summary>
    public required string Notebooks { get; init; }

    /// <summary>The footer's note on how the pages were made.</summary>
    public required string Colophon { get; init; }

    /// <summary>The control that opens a folded answer.</summary>
    public required string ShowSolution { get; init; }

    /// <summary>A chart's accessible name; <c>{0}</c> is its title.</summary>
    public required string ChartLabel { get; init; }

    /// <summary>The alternative text of an image output that has no text of its own.</summary>
    public required string ImageOutput { get; init; }

    /// <summary>The generated course map's lead (a repository without a start-here notebook).</summary>
    public required string CourseMapLead { get; init; }

    /// <summary>The label of a notebook's learning goals, as its opening Markdown writes it and the course map shows it.</summary>
    public required string LearningGoals { get; init; }

    /// <summary>The strings site.js writes into a page (keys as site.js reads them; <c>{0}</c>, <c>{1}</c> are filled in).</summary>
    public required IReadOnlyDictionary<string, string> Script { get; init; }

    /// <summary>The English frame (the main edition's).</summary>
    public static SiteText English { get; } = new()
    {
        Lang = "en",
        LanguageName = "English",
        SwitchTitle = "Read this page in English",
        SwitchToIndexTitle = "The English edition (this page has no English version)",
        SwitchLabel = "Language",
        SkipToText = "Skip to the text",
        Search = "Search the course",
        Download = "Download",
        ThisNotebook = "this notebook (.ipynb)",
        KernelFreeApp = "its kernel-free app (.cs)",
        KernelFreeAppTitle = "A .NET file-based app: no notebook kernel needed. Run it from the repository's apps folder with: dotnet run {0}",
        HandOut = "the student hand-out (.zip)",
        ListSeparator = " · ",
        Previous = "← Previous",
        Next = "Next →",
        PagerLabel = "Previous and next notebook",
        PagerLabelAtEnd = "Previous and next notebook, at the end",
        OnThisPage = "On this page",
        TopOfPage = "Top of the page",
        Notebooks = "Notebooks",
        Colophon = "Rendered from the executed notebooks; charts drawn by plotly.js " + SiteAssets.PlotlyVersion
            + " and math by KaTeX, both shipped with these pages (no network needed).",
        ShowSolution = "Show the solution",
        ChartLabel = "Chart: {0}",
        ImageOutput = "image output",
        CourseMapLead = "Read the notebooks in order; each page links to the next.",
        LearningGoals = "What you will learn",
        Script = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["copy"] = "Copy",
            ["copyTitle"] = "Copy this code",
            ["copied"] = "Copied",
            ["copyFailed"] = "Copy failed: select the code",
            ["scrollHint"] = "Scroll sideways \u2192",
            ["scrollHintTitle"] = "This block is wider than the column",
            ["wrap"] = "Wrap lines",
            ["unwrap"] = "Unwrap lines",
            ["wrapTitle"] = "Wrap long lines in this block",
            ["theme"] = "Theme: {0}",
            ["themeTitle"] = "Colour scheme: {0}; click for {1}",
            ["system"] = "system",
            ["light"] = "light",
            ["dark"] = "dark",
            ["nothingFound"] = "Nothing found for \u201c{0}\u201d.",
            ["chartPicture"] = "Chart (printed picture)",
        },
    };

    /// <summary>The Chinese frame (<c>zh-CN/</c>): full-width punctuation in prose, the glossary's terms.</summary>
    public static SiteText Chinese { get; } = new()
    {
        Lang = "zh-CN",
        LanguageName = "中文",
        SwitchTitle = "阅读本页的中文版",
        SwitchToIndexTitle = "中文版首页（本页没有中文版）",
        SwitchLabel = "语言",
        SkipToText = "跳到正文",
        Search = "搜索课程",
        Download = "下载",
        ThisNotebook = "本笔记本（.ipynb）",
        KernelFreeApp = "它的免内核应用（.cs，输出为英文）",
        KernelFreeAppTitle = "一个 .NET 基于文件的应用：不需要笔记本内核，由英文笔记本生成，所以输出是英文。在仓库的 apps 文件夹中运行：dotnet run {0}",
        HandOut = "学生版讲义（.zip）",
        ListSeparator = " · ",
        Previous = "← 上一篇",
        Next = "下一篇 →",
        PagerLabel = "上一篇和下一篇笔记本",
        PagerLabelAtEnd = "上一篇和下一篇笔记本（页末）",
        OnThisPage = "本页内容",
        TopOfPage = "页首",
        Notebooks = "笔记本",
        Colophon = "由执行过的笔记本生成；图表由 plotly.js " + SiteAssets.PlotlyVersion
            + " 绘制，数学公式由 KaTeX 排版，二者都随网页一起提供（无需联网）。",
        ShowSolution = "显示答案",
        ChartLabel = "图表：{0}",
        ImageOutput = "图像输出",
        CourseMapLead = "请按顺序阅读这些笔记本；每一页都链接到下一页。",
        LearningGoals = "你将学到",
        Script = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["copy"] = "复制",
            ["copyTitle"] = "复制这段代码",
            ["copied"] = "已复制",
            ["copyFailed"] = "复制失败：请手动选中代码",
            ["scrollHint"] = "左右滚动 \u2192",
            ["scrollHintTitle"] = "这一块比正文栏宽",
            ["wrap"] = "自动换行",
            ["unwrap"] = "取消换行",
            ["wrapTitle"] = "让这一块的长行自动换行",
            ["theme"] = "主题：{0}",
            ["themeTitle"] = "配色：{0}；点击切换为{1}",
            ["system"] = "跟随系统",
            ["light"] = "浅色",
            ["dark"] = "深色",
            ["nothingFound"] = "没有找到“{0}”。",
            ["chartPicture"] = "图表（打印用图片）",
        },
    };

    /// <summary>The languages the site has a frame for.</summary>
    public static IReadOnlyList<SiteText> All { get; } = [English, Chinese];

    /// <summary>The frame in a language.</summary>
    /// <param name="language">A language tag (<c>en</c>, <c>zh-CN</c>).</param>
    /// <returns>Its frame.</returns>
    /// <exception cref="ArgumentException">The site has no frame in that language.</exception>
    public static SiteText For(string language) =>
        All.FirstOrDefault(t => string.Equals(t.Lang, language, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException(
            $"The site has no interface text in '{language}' (it has {string.Join(", ", All.Select(t => t.Lang))}): add it to SiteText.", nameof(language));

    /// <summary>Every string of the frame, the script's included (a test scans the other editions' pages for them).</summary>
    public IEnumerable<string> Strings =>
    [
        SkipToText, Search, Download, ThisNotebook, KernelFreeApp, HandOut, Previous, Next, PagerLabel, PagerLabelAtEnd,
        OnThisPage, TopOfPage, Notebooks, Colophon, ShowSolution, ImageOutput, CourseMapLead, LearningGoals, SwitchLabel,
        .. Script.Values,
    ];

    /// <summary>The script's strings as the JSON a page carries for site.js.</summary>
    public string ScriptJson => JsonSerializer.Serialize(Script, Json);

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Default };
}
