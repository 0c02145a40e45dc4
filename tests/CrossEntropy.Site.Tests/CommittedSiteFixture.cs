using NotebookSite;

namespace CrossEntropy.Site.Tests;

/// <summary>The site rendered once from the committed notebooks (both editions) and the README, shared by the tests that read it.</summary>
public sealed class CommittedSiteFixture : IDisposable
{
    private readonly TempSite site = new(Repo.Notebooks, Repo.Readme, appsDirectory: Repo.AppsDirectory,
        translations: [new SiteTranslation(Repo.Chinese, Repo.ChineseNotebooks) { Title = "用 C# 学交叉熵" }]);

    /// <summary>The site's folder.</summary>
    public string Directory => site.SiteDirectory;

    /// <summary>The English pages, course first (index, notebooks), then the README page.</summary>
    public IReadOnlyList<SitePage> Pages => site.Pages.Where(p => p.Language is null).ToArray();

    /// <summary>The English course pages in reading order.</summary>
    public IReadOnlyList<SitePage> Course => Pages.Where(p => p.InCourse).ToArray();

    /// <summary>The Chinese pages (<c>zh-CN/</c>), in reading order.</summary>
    public IReadOnlyList<SitePage> ChinesePages => site.Pages.Where(p => p.Language == Repo.Chinese).ToArray();

    /// <summary>Every page of both editions.</summary>
    public IReadOnlyList<SitePage> AllPages => site.Pages;

    internal TempSite Site => site;

    public void Dispose() => site.Dispose();
}

/// <summary>Tests sharing the committed site run one class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class CommittedSiteGroup : ICollectionFixture<CommittedSiteFixture>
{
    public const string Name = "committed site";
}
