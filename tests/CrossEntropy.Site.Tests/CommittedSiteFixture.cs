using NotebookSite;

namespace CrossEntropy.Site.Tests;

/// <summary>The site rendered once from the committed notebooks and the README, shared by the tests that read it.</summary>
public sealed class CommittedSiteFixture : IDisposable
{
    private readonly TempSite site = new(Repo.Notebooks, Repo.Readme, appsDirectory: Repo.AppsDirectory);

    /// <summary>The site's folder.</summary>
    public string Directory => site.SiteDirectory;

    /// <summary>The pages, course first (index, notebooks), then the README page.</summary>
    public IReadOnlyList<SitePage> Pages => site.Pages;

    /// <summary>The course pages in reading order.</summary>
    public IReadOnlyList<SitePage> Course => Pages.Where(p => p.InCourse).ToArray();

    internal TempSite Site => site;

    public void Dispose() => site.Dispose();
}

/// <summary>Tests sharing the committed site run one class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class CommittedSiteGroup : ICollectionFixture<CommittedSiteFixture>
{
    public const string Name = "committed site";
}
