using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Portal.Infrastructure;
using Xunit;

namespace Portal.Tests.Infrastructure;

public class ListQueryTests
{
    private static HttpRequest Request(string query)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = "/Supervision";
        context.Request.QueryString = new QueryString(query);
        return context.Request;
    }

    private sealed record Row(int Id, string Name, DateOnly Due);
    private sealed record Dated(int Id, string Name, DateOnly? Due);

    private static readonly Row[] Rows =
    [
        new(1, "乙", new(2026, 3, 1)), new(2, "甲", new(2026, 1, 1)), new(3, "丙", new(2026, 2, 1)),
    ];

    private static readonly SortKeys<Row> Keys = new SortKeys<Row>().Add("name", r => r.Name).Add("due", r => r.Due).Default(q => q.OrderBy(r => r.Id));

    [Theory]
    [InlineData("", 1, null, false)]
    [InlineData("?p=3&sort=due&desc=1", 3, "due", true)]
    [InlineData("?p=-5&sort=&desc=yes", 1, null, false)]
    [InlineData("?p=abc&desc=true", 1, null, true)]
    public void Reads_page_sort_and_direction_from_the_address_and_never_fails(string query, int page, string? sort, bool desc) =>
        Assert.Equal(new ListQuery(page, sort, desc), ListQuery.From(Request(query)));

    [Fact]
    public void Sorts_by_a_known_key_in_either_direction_and_by_the_default_otherwise()
    {
        Assert.Equal([2, 3, 1], Keys.Apply(Rows, new ListQuery(1, "due", false)).Select(r => r.Id));
        Assert.Equal([1, 3, 2], Keys.Apply(Rows, new ListQuery(1, "DUE", true)).Select(r => r.Id));
        Assert.Equal([1, 2, 3], Keys.Apply(Rows.Reverse(), new ListQuery(1, "'; drop table", true)).Select(r => r.Id));
    }

    [Fact]
    public void Rows_equal_on_the_sorted_column_keep_the_tie_order_in_either_direction()
    {
        var rows = new Row[] { new(3, "a", new(2026, 1, 1)), new(1, "a", new(2026, 1, 1)), new(2, "b", new(2026, 1, 1)) };
        var keys = new SortKeys<Row>().Add("name", r => r.Name).ThenBy(r => r.Id, desc: true).Default(q => q.OrderBy(r => r.Id));
        Assert.Equal([3, 1, 2], keys.Apply(rows, new ListQuery(1, "name", false)).Select(r => r.Id));
        Assert.Equal([2, 3, 1], keys.Apply(rows, new ListQuery(1, "name", true)).Select(r => r.Id));
        Assert.Equal([1, 2, 3], keys.Apply(rows, new ListQuery(1, null, false)).Select(r => r.Id));
    }

    [Fact]
    public void A_default_column_sorts_empty_values_as_the_smallest_and_keeps_the_tie_order()
    {
        // Newest first with undated rows last, ties by the id descending: as the library lists documents.
        var rows = new Dated[] { new(1, "a", null), new(2, "b", new(2026, 1, 1)), new(3, "c", new(2026, 3, 1)), new(4, "d", new(2026, 1, 1)) };
        var keys = new SortKeys<Dated>().Add("due", r => r.Due).ThenBy(r => r.Id, desc: true).Default("due", desc: true);
        Assert.Equal([3, 4, 2, 1], keys.Apply(rows, new ListQuery(1, null, false)).Select(r => r.Id));
        Assert.Equal([3, 4, 2, 1], keys.Apply(rows.Reverse(), new ListQuery(1, "unknown", false)).Select(r => r.Id));
        // A default written by hand gets the tie-break too.
        var byHand = new SortKeys<Dated>().Add("due", r => r.Due).ThenBy(r => r.Id, desc: true).Default(q => q.OrderBy(r => r.Name.Length));
        Assert.Equal([4, 3, 2, 1], byHand.Apply(rows, new ListQuery(1, null, false)).Select(r => r.Id));
    }

    [Fact]
    public void Filters_carried_to_a_page_opened_from_the_list_keep_the_sort_and_drop_the_page()
    {
        Assert.Equal("?unit=3&sort=due&desc=1", Pager.FiltersOf(Request("?unit=3&p=4&sort=due&desc=1&handler=Adopt")));
        Assert.Equal("", Pager.FiltersOf(Request("?p=2")));
    }

    [Fact]
    public void Filter_values_that_do_not_parse_are_no_filter()
    {
        var q = Request("?unit=abc&n=7&year=1999&y=2026&d=2026-02-30&e=2026-02-28&s=Red&bad=Purple&num=9&q=%00%20%E7%9D%A3%E5%8A%9E%01%20&blank=%20").Query;
        Assert.Equal((null, 7), (q.Int("unit"), q.Int("n")));
        Assert.Equal((null, 2026), (q.Year("year"), q.Year("y")));
        Assert.Equal((null, new DateOnly(2026, 2, 28)), (q.Date("d"), q.Date("e")));
        Assert.Equal((ConsoleColor.Red, null, null), (q.Enum<ConsoleColor>("s"), q.Enum<ConsoleColor>("bad"), q.Enum<DayOfWeek>("num")));
        Assert.Equal(("督办", null), (q.Text("q"), q.Text("blank")));
        Assert.Equal(QueryValues.TextMaxLength, QueryValues.Clean(new string('字', 500))!.Length);
    }

    [Fact]
    public void Empty_values_sort_as_the_smallest_in_either_direction()
    {
        DateOnly?[] dates = [new(2026, 2, 1), null, new(2026, 1, 1)];
        var keys = new SortKeys<DateOnly?>().Add("d", d => d);
        Assert.Equal([null, new(2026, 1, 1), new(2026, 2, 1)], keys.Apply(dates, new ListQuery(1, "d", false)));
        Assert.Equal([new(2026, 2, 1), new(2026, 1, 1), null], keys.Apply(dates, new ListQuery(1, "d", true)));
    }

    [Fact]
    public void A_page_past_the_end_shows_the_last_page()
    {
        var page = new ListQuery(9, null, false).PageOf(Enumerable.Range(1, 45), 20);
        Assert.Equal((3, 45), (page.Page, page.Total));
        Assert.Equal([41, 42, 43, 44, 45], page.Items);
    }

    [Fact]
    public void Page_links_keep_the_filters_and_sort_and_change_only_the_page()
    {
        var pager = Pager.ForRequest(Request("?unit=3&q=%E7%9D%A3%E5%8A%9E&sort=due&p=2&handler=Export"), 2, 45, 20);
        Assert.Equal(3, pager.PageCount);
        Assert.Equal("/Supervision?unit=3&q=%E7%9D%A3%E5%8A%9E&sort=due&p=3", pager.Link(3));
        Assert.Equal("/Supervision?unit=3&q=%E7%9D%A3%E5%8A%9E&sort=due", pager.Link(1));
    }

    [Theory]
    [InlineData("?unit=3&p=4", null, "/Supervision?unit=3&sort=due&desc=1", "none")]
    [InlineData("?unit=3&sort=due&p=2", null, "/Supervision?unit=3&sort=due&desc=1", "ascending")]
    [InlineData("?unit=3&sort=due&desc=1", null, "/Supervision?unit=3&sort=due", "descending")]
    [InlineData("?unit=3", "asc", "/Supervision?unit=3&sort=due&desc=1", "ascending")]
    [InlineData("?sort=name", "asc", "/Supervision?sort=due&desc=1", "none")]
    public async Task A_sort_header_links_to_page_one_sorted_by_its_column_toggling_the_direction(string query, string? byDefault, string href, string ariaSort)
    {
        // desc=1 is added only when the column is already ascending; otherwise the first click sorts ascending.
        var expectedHref = ariaSort == "ascending" ? href : href.Replace("&desc=1", "");
        var helper = new SortHeaderTagHelper { Key = "due", Default = byDefault, ViewContext = new ViewContext { HttpContext = Request(query).HttpContext } };
        var output = new TagHelperOutput("th", new TagHelperAttributeList(), (_, _) =>
            Task.FromResult<TagHelperContent>(new DefaultTagHelperContent().SetContent("期限<")));
        await helper.ProcessAsync(new TagHelperContext([], new Dictionary<object, object>(), "id"), output);

        var html = output.Content.GetContent(HtmlEncoder.Create(UnicodeRanges.All));
        Assert.Contains($"href=\"{expectedHref.Replace("&", "&amp;")}\"", html);
        Assert.Contains("期限&lt;", html);
        Assert.Equal(ariaSort, output.Attributes["aria-sort"].Value);
    }
}
