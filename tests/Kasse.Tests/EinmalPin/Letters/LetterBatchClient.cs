using System.Net;
using System.Net.Http.Json;
using Kasse.EinmalPin;
using Kasse.Tests.Infrastructure;

namespace Kasse.Tests.EinmalPin.Letters;

/// <summary>The letter batch endpoints as the tests call them, and a small RFC 4180 reader for the print CSV.</summary>
public static class LetterBatchClient
{
    public static async Task<PinLetterBatchView> StartAsync(HttpClient client, IReadOnlyList<string> caseNumbers, bool reissue = false)
    {
        using var response = await client.PostAsJsonAsync("/api/einmalpin/letter-batches", new { caseNumbers, reissue });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<PinLetterBatchView>(Json.Options))!;
    }

    public static Task<PinLetterBatchView> CompletedAsync(HttpClient client, string batchId) =>
        Eventually.ReturnsAsync(
            async () => (await client.GetFromJsonAsync<PinLetterBatchView>($"/api/einmalpin/letter-batches/{batchId}", Json.Options))!,
            view => view.Status != PinLetterBatchStatus.Running, TimeSpan.FromSeconds(60), $"letter batch {batchId} done");

    public static async Task<byte[]> FetchAsync(HttpClient client, string batchId, string kind)
    {
        using var response = await client.GetAsync($"/api/einmalpin/letter-batches/{batchId}/print.{kind}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>Lines of cells (quotes undone), the BOM stripped; lines end with CRLF.</summary>
    public static List<string[]> ReadCsv(byte[] bytes)
    {
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = System.Text.Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        var rows = new List<string[]>();
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    (cell, i) = (cell.Append('"'), i + 1);
                else if (c == '"')
                    quoted = false;
                else
                    cell.Append(c);
            }
            else if (c == '"')
                quoted = true;
            else if (c == ';')
                (cells, cell) = (Add(cells, cell), new System.Text.StringBuilder());
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                rows.Add([.. Add(cells, cell)]);
                (cells, cell, i) = ([], new System.Text.StringBuilder(), i + 1);
            }
            else
                cell.Append(c);
        }
        return rows;

        static List<string> Add(List<string> cells, System.Text.StringBuilder cell)
        {
            cells.Add(cell.ToString());
            return cells;
        }
    }
}
