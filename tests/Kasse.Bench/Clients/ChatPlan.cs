namespace Kasse.Bench.Clients;

/// <summary>
/// What a chat client child needs of the server's process: the server's address, the history's connection string (to
/// check every ack against <c>conversation_events</c>), and per conversation its id and its two users' tokens, the
/// conversation's index giving the users' names (<see cref="Scenarios.ChatScenario.UsersOf"/>). Handed over as a file
/// readable by this user only: 2,000 tokens are too long for a command line.
/// </summary>
internal sealed record ChatPlan(Uri Server, string HistoryConnectionString, IReadOnlyList<ChatPlan.Conversation> Conversations)
{
    public void Write(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var file = new StreamWriter(new FileStream(path, options));
        file.WriteLine(Server.ToString());
        file.WriteLine(HistoryConnectionString);
        foreach (var c in Conversations)
            file.WriteLine($"{c.Id:D}\t{c.InsuredToken}\t{c.AgentToken}");
    }

    public static ChatPlan Read(string path)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length < 2)
            throw new InvalidOperationException($"chat plan '{path}' is incomplete");
        var conversations = lines.Skip(2).Select(line => line.Split('\t') is [var id, var insured, var agent]
                ? new Conversation(Guid.Parse(id), insured, agent)
                : throw new InvalidOperationException($"chat plan '{path}': malformed line"))
            .ToArray();
        return new ChatPlan(new Uri(lines[0]), lines[1], conversations);
    }

    /// <summary>One started conversation, already taken by its agent.</summary>
    internal sealed record Conversation(Guid Id, string InsuredToken, string AgentToken);
}
