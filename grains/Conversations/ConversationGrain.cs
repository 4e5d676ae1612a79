using Kasse.Agents;
using Kasse.Conversations;
using Kasse.Customers;
using Kasse.Gateway;
using Kasse.Grains.Audit;
using Kasse.Grains.Common;
using Kasse.Grains.Gateway;
using Kasse.Inbox;

namespace Kasse.Grains.Conversations;

/// <summary>
/// One conversation: the single writer of its participants, state and sequence. Every event is durable in the
/// history before it is acknowledged or delivered; the grain keeps in memory only what decisions need (the last
/// sequence number and the recent client message ids for de-duplication).
/// </summary>
public sealed class ConversationGrain(
    [PersistentState("conversation", StorageNames.Default)] IPersistentState<ConversationGrain.State> state,
    IConversationHistory history,
    IAuditTrail audit,
    IAttachmentStore attachments,
    GatewayFanout fanout,
    CustomerPseudonyms pseudonyms,
    TimeProvider clock) : Grain, IConversationGrain
{
    /// <summary>
    /// How many recent client message ids are remembered, so that the usual retry (of one of a client's few
    /// unacknowledged writes) is answered without a query. An older retry is still stored once: the history's unique
    /// key on (conversation, sender, client message id) turns it into the original's ack.
    /// </summary>
    public const int RememberedClientIds = 256;

    /// <summary>How many of the newest events are kept in memory, so that a reconnecting client resumes without a query.</summary>
    public const int RecentEventCount = 64;

    /// <summary>
    /// How many characters (client message ids and texts) the newest events may hold together: room for
    /// <see cref="RecentEventCount"/> short messages; fewer are kept when they are long.
    /// </summary>
    public const int RecentEventChars = RecentEventCount * 128;

    private readonly RecentClientIds _recentClientIds = new(RememberedClientIds);
    private RecentEvents? _recent;
    private readonly Dictionary<string, long> _readUpTo = [];

    // Whose join, and whether the close, this activation has seen in the history: a repeated join or close then needs
    // no query to know its event is there.
    private readonly HashSet<string> _joinsRecorded = [];
    private bool _closeRecorded;
    private long _lastSeq;

    private Guid Id => this.GetPrimaryKey();

    private RecentEvents Recent => _recent ??= new RecentEvents(Id, RecentEventCount, RecentEventChars);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!state.State.Started)
            return;
        // The history is the truth for the sequence: rebuild the counter, the recent events and the window of client
        // message ids (read separately: joins and read receipts carry none and must not shrink it).
        foreach (var e in await history.ReadTailAsync(Id, RecentEventCount))
            Remember(e);
        foreach (var (sender, clientMessageId, seq) in await history.ReadRecentClientIdsAsync(Id, RememberedClientIds))
            _recentClientIds.Add(sender, clientMessageId, seq);
    }

    public async Task<ConversationView> Start(Participant insured, string topic, string? caseReference)
    {
        if (insured.Role != ParticipantRole.Insured)
            throw new ConversationException(ConversationErrors.Forbidden, "Nur Versicherte können ein Gespräch beginnen.");
        if (state.State.Started)
        {
            if (state.State.InsuredId != insured.UserId)
                throw new ConversationException(ConversationErrors.Forbidden, "Dieses Gespräch gehört einer anderen Person.");
            // The state was stored but an earlier attempt failed before its event: the retry completes it. The
            // customer's list is told again in any case (idempotent), in case the attempt failed after the event.
            if (_lastSeq == 0)
                await AppendAsync(insured, ConversationEventKind.Started, null, state.State.Topic);
            await GrainFactory.GetCustomer(pseudonyms, insured.UserId).RecordConversation(Id);
            await EnsureWorkItemAsync();
            return View();
        }
        if (string.IsNullOrWhiteSpace(topic) || topic.Length > 200 || !PlainText.IsClean(topic) || !PlainText.IsClean(caseReference))
            throw new ConversationException(ConversationErrors.InvalidTopic, "Das Thema fehlt, ist länger als 200 Zeichen oder enthält Steuerzeichen.");

        state.State.Started = true;
        state.State.InsuredId = insured.UserId;
        state.State.Topic = topic.Trim();
        state.State.CaseReference = caseReference?.Trim();
        state.State.Status = ConversationState.Open;
        state.State.StartedAt = clock.GetUtcNow();
        await state.WriteOrDeactivateAsync(this);
        await AppendAsync(insured, ConversationEventKind.Started, null, state.State.Topic);
        await GrainFactory.GetCustomer(pseudonyms, insured.UserId).RecordConversation(Id);
        await EnsureWorkItemAsync();
        return View();
    }

    /// <summary>
    /// The chat's work item (<c>chat:&lt;id&gt;</c>), created before the start is answered: a start that failed after the
    /// conversation was stored is retried by the client, and creating the item again is harmless (idempotent), so the
    /// item is never lost and never doubled. Priority and SLA come from the routing rules and the chat channel's defaults.
    /// </summary>
    private Task<WorkItemView> EnsureWorkItemAsync() =>
        WorkItem.Create(new NewWorkItem(
            WorkChannel.Chat, pseudonyms.KeyOf(state.State.InsuredId), state.State.Topic, [ChatSkill],
            Reference: Id.ToString(), ConversationId: Id, InsuredUserId: state.State.InsuredId));

    /// <summary>The skill every chat item needs: only agents who chat get chats.</summary>
    public const string ChatSkill = "chat";

    private IWorkItemGrain WorkItem => GrainFactory.GetGrain<IWorkItemGrain>(WorkItemKeys.External(WorkChannel.Chat, Id.ToString()));

    public async Task<PostAck> Post(Participant sender, string clientMessageId, string text)
    {
        if (await CheckMessageAsync(sender, clientMessageId) is { } duplicate)
            return duplicate;
        if (string.IsNullOrWhiteSpace(text))
            throw new ConversationException(ConversationErrors.EmptyMessage, "Die Nachricht ist leer.");
        CheckLength(text);
        return await AppendMessageAsync(sender, clientMessageId, text, null);
    }

    public async Task<PostAck> PostAttachment(Participant sender, string clientMessageId, string? text, string fileName, byte[] data)
    {
        if (await CheckMessageAsync(sender, clientMessageId) is { } duplicate)
            return duplicate;
        CheckLength(text);
        var contentType = AttachmentPolicy.Validate(fileName, data);
        // Derived from the client's id, so a retry after a crash stores the same attachment, never a second one.
        var info = new AttachmentInfo(
            DeterministicId(sender.UserId, clientMessageId), AttachmentPolicy.CleanFileName(fileName), contentType, data.Length);
        await attachments.SaveAsync(Id, info, data);
        return await AppendMessageAsync(sender, clientMessageId, string.IsNullOrWhiteSpace(text) ? null : text, info);
    }

    public async Task<AttachmentContent> GetAttachment(Participant reader, Guid attachmentId)
    {
        EnsureStarted();
        await EnsureReaderAsync(reader);
        if (reader.IsStaff)
            await AuditAsync(reader, "conversation.attachment.read");
        return await attachments.LoadAsync(Id, attachmentId)
            ?? throw new ConversationException(ConversationErrors.AttachmentNotFound, "Diesen Anhang gibt es nicht.");
    }

    /// <summary>Checks shared by every message write; returns the earlier ack when the write is a retry.</summary>
    private async Task<PostAck?> CheckMessageAsync(Participant sender, string clientMessageId)
    {
        EnsureStarted();
        await EnsureParticipantAsync(sender);
        if (string.IsNullOrWhiteSpace(clientMessageId) || clientMessageId.Length > 100 || !PlainText.IsClean(clientMessageId))
            throw new ConversationException(ConversationErrors.InvalidClientMessageId, "Die Nachrichtenkennung fehlt oder ist zu lang.");
        // A remembered hash is a candidate only: the stored event must carry the very same sender and id.
        if (_recentClientIds.TryGetCandidate(sender.UserId, clientMessageId, out var earlierSeq))
        {
            var earlier = Recent.Find(earlierSeq) is { } kept && IsWriteOf(kept, sender.UserId, clientMessageId)
                ? kept
                : await history.FindByClientMessageIdAsync(Id, sender.UserId, clientMessageId);
            if (earlier is not null)
                return new PostAck(Id, earlier.Seq, Duplicate: true, earlier);
        }
        if (state.State.Status == ConversationState.Closed)
        {
            // A late retry of a message stored before the close still gets its ack.
            if (await history.FindByClientMessageIdAsync(Id, sender.UserId, clientMessageId) is { } stored)
                return new PostAck(Id, stored.Seq, Duplicate: true, stored);
            throw new ConversationException(ConversationErrors.Closed, "Das Gespräch ist beendet.");
        }
        return null;
    }

    private static bool IsWriteOf(ConversationEvent e, string senderId, string clientMessageId) =>
        e.SenderId == senderId && e.ClientMessageId == clientMessageId;

    private static void CheckLength(string? text)
    {
        if (!PlainText.IsClean(text))
            throw new ConversationException(ConversationErrors.InvalidCharacters, "Die Nachricht enthält Steuerzeichen.");
        if (text?.Length > ConversationErrors.MaxMessageLength)
            throw new ConversationException(ConversationErrors.MessageTooLong, $"Die Nachricht ist länger als {ConversationErrors.MaxMessageLength} Zeichen.");
    }

    private async Task<PostAck> AppendMessageAsync(Participant sender, string clientMessageId, string? text, AttachmentInfo? attachment)
    {
        var lastSeqBefore = _lastSeq;
        var appended = await AppendAsync(sender, ConversationEventKind.Message, clientMessageId, text, attachment);
        // A retry older than the remembered window: the history answered with the original, nothing new was stored.
        if (appended.Seq <= lastSeqBefore)
            return new PostAck(Id, appended.Seq, Duplicate: true, appended);
        if (sender.Role == ParticipantRole.Insured && state.State.Status == ConversationState.Open && state.State.AgentIds.Count == 0)
        {
            state.State.Status = ConversationState.Waiting;
            await state.WriteOrDeactivateAsync(this);
        }
        return new PostAck(Id, appended.Seq, Duplicate: false, appended);
    }

    private Guid DeterministicId(string sender, string clientMessageId)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{Id:N}\n{sender}\n{clientMessageId}"));
        return new Guid(hash.AsSpan(0, 16));
    }

    public async Task<ConversationView> Join(Participant agent)
    {
        EnsureStarted();
        if (!agent.IsStaff)
            throw new ConversationException(ConversationErrors.Forbidden, "Nur Beraterinnen und Berater können einem Gespräch beitreten.");
        if (state.State.Status == ConversationState.Closed)
            throw new ConversationException(ConversationErrors.Closed, "Das Gespräch ist beendet.");
        // Only the agent the chat's work item is assigned to (or a supervisor) may open it. The item is asked when the
        // agent is not a participant yet: an assignment whose join did not happen (a crash in between) is healed here.
        if (agent.Role != ParticipantRole.Supervisor && !state.State.AgentIds.Contains(agent.UserId)
            && !IsHeldBy(await WorkItem.GetView(), agent.UserId))
        {
            await AuditAsync(agent, "conversation.refused");
            throw new ConversationException(ConversationErrors.NotAssigned, "Dieses Gespräch ist Ihnen nicht zugewiesen.");
        }
        return await AddAgentAsync(agent);
    }

    public async Task<ConversationView> AssignAgent(Participant agent)
    {
        EnsureStarted();
        if (state.State.Status == ConversationState.Closed)
            return View();
        return await AddAgentAsync(agent);
    }

    public async Task ReleaseAgent(Participant agent)
    {
        EnsureStarted();
        if (!state.State.AgentIds.Remove(agent.UserId))
            return;
        if (state.State.AgentIds.Count == 0 && state.State.Status == ConversationState.Active)
            state.State.Status = ConversationState.Waiting;
        await state.WriteOrDeactivateAsync(this);
        _joinsRecorded.Remove(agent.UserId);
        await AppendAsync(agent, ConversationEventKind.AgentLeft, null, null);
    }

    private static bool IsHeldBy(WorkItemView? item, string agentId) =>
        item is { AgentId: { } assignee } && assignee == agentId
        && item.Status is WorkItemStatus.Assigned or WorkItemStatus.InProgress or WorkItemStatus.WaitingForCustomer or WorkItemStatus.OnHold;

    /// <summary>Makes the agent a participant; once only: the customer sees one "hat übernommen" note per take-over.</summary>
    private async Task<ConversationView> AddAgentAsync(Participant agent)
    {
        await AuditAsync(agent, "conversation.join");
        if (state.State.AgentIds.Contains(agent.UserId))
        {
            // The state was stored but an earlier attempt failed before its event: the retry completes it. The
            // agent's list is told again in any case (idempotent), in case the attempt failed after the event.
            if (!await IsRecordedAsync(_joinsRecorded.Contains(agent.UserId), ConversationEventKind.AgentJoined, agent.UserId))
                await AppendAsync(agent, ConversationEventKind.AgentJoined, null, null);
            await GrainFactory.GetGrain<IAgentGrain>(agent.UserId).RecordConversation(Id);
            return View();
        }
        state.State.AgentIds.Add(agent.UserId);
        state.State.Status = ConversationState.Active;
        await state.WriteOrDeactivateAsync(this);
        await AppendAsync(agent, ConversationEventKind.AgentJoined, null, null);
        await GrainFactory.GetGrain<IAgentGrain>(agent.UserId).RecordConversation(Id);
        return View();
    }

    public async Task<IReadOnlyList<ConversationEvent>> GetEventsAfter(Participant reader, long afterSeq, int max)
    {
        EnsureStarted();
        await EnsureReaderAsync(reader);
        if (reader.IsStaff)
            await AuditAsync(reader, "conversation.read");
        if (afterSeq >= _lastSeq)
            return [];
        max = Math.Clamp(max, 1, 1000);
        // The usual case, a client that was away briefly, is served from memory.
        if (Recent.Covers(afterSeq))
            return Recent.After(afterSeq, max);
        return await history.ReadAfterAsync(Id, afterSeq, max);
    }

    public async Task<ConversationView> GetView(Participant reader)
    {
        EnsureStarted();
        await EnsureReaderAsync(reader);
        if (reader.IsStaff)
            await AuditAsync(reader, "conversation.view");
        return View();
    }

    public Task<ConversationView?> Describe() => Task.FromResult(state.State.Started ? View() : null);

    public async Task MarkRead(Participant reader, long seq)
    {
        EnsureStarted();
        await EnsureParticipantAsync(reader);
        if (seq < 1 || seq > _lastSeq)
            throw new ConversationException(ConversationErrors.SeqOutOfRange, $"Dieses Gespräch hat keine Nachricht {seq}; die letzte ist {_lastSeq}.");
        // Only progress is recorded: a receipt at or below the reader's last one changes nothing.
        if (_readUpTo.TryGetValue(reader.UserId, out var earlier) && seq <= earlier)
            return;
        await AppendAsync(reader, ConversationEventKind.Read, null, seq.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task Typing(Participant typist)
    {
        EnsureStarted();
        await EnsureParticipantAsync(typist);
        fanout.Enqueue(new ClientDelivery(Recipients(), null, new TypingNotice(Id, typist.UserId, typist.DisplayName, clock.GetUtcNow())));
    }

    public async Task<ConversationEvent> AnnounceForm(Participant agent, Guid sessionId, string proposalJson)
    {
        EnsureStarted();
        if (!agent.IsStaff)
            throw new ConversationException(ConversationErrors.Forbidden, "Nur Beraterinnen und Berater schlagen Formulare vor.");
        await EnsureParticipantAsync(agent);
        // The session id is the client message id: a repeated proposal of the same session is stored once.
        var clientMessageId = "form-" + sessionId.ToString("N");
        if (await CheckMessageAsync(agent, clientMessageId) is { Event: { } earlier })
            return earlier;
        return await AppendAsync(agent, ConversationEventKind.FormProposed, clientMessageId, proposalJson);
    }

    public async Task<ConversationView> Close(Participant by)
    {
        EnsureStarted();
        await EnsureParticipantAsync(by);
        if (state.State.Status == ConversationState.Closed)
        {
            // As with a join: a close whose event never made it to the history is completed by the retry.
            if (!await IsRecordedAsync(_closeRecorded, ConversationEventKind.Closed, senderId: null))
                await AppendAsync(by, ConversationEventKind.Closed, null, null);
            return View();
        }
        state.State.Status = ConversationState.Closed;
        await state.WriteOrDeactivateAsync(this);
        await AppendAsync(by, ConversationEventKind.Closed, null, null);
        return View();
    }

    /// <summary>
    /// Appends an event under the next seq and hands it to the fan-out; returns the stored event, which is the
    /// sender's original (with its own, older seq) when the history already holds the client message id.
    /// </summary>
    private async Task<ConversationEvent> AppendAsync(
        Participant sender, ConversationEventKind kind, string? clientMessageId, string? text, AttachmentInfo? attachment = null)
    {
        var e = new ConversationEvent(
            Id, _lastSeq + 1, kind, sender.UserId, sender.Role, sender.DisplayName, clientMessageId, text, clock.GetUtcNow(), attachment);
        ConversationEvent stored;
        try
        {
            stored = await history.AppendAsync(e);
        }
        catch (Exception)
        {
            // Whether the row committed is unknown: this activation's sequence and state may be stale. The next call
            // rebuilds both from the history and the stored state, and a retried write gets its duplicate ack there.
            DeactivateOnIdle();
            throw;
        }
        if (stored.Seq != e.Seq)
        {
            _recentClientIds.Add(stored.SenderId, stored.ClientMessageId!, stored.Seq);
            return stored;
        }
        Remember(stored);
        fanout.Enqueue(new ClientDelivery(Recipients(), stored, null));
        return stored;
    }


    /// <summary>Whether the history holds the join of <paramref name="senderId"/> or the close (sender null); remembers a yes.</summary>
    private async Task<bool> IsRecordedAsync(bool known, ConversationEventKind kind, string? senderId)
    {
        if (!known && !await history.ContainsAsync(Id, kind, senderId))
            return false;
        if (kind == ConversationEventKind.AgentJoined && senderId is not null)
            _joinsRecorded.Add(senderId);
        if (kind == ConversationEventKind.Closed)
            _closeRecorded = true;
        return true;
    }

    private void Remember(ConversationEvent e)
    {
        _lastSeq = e.Seq;
        if (e.Kind == ConversationEventKind.AgentJoined)
            _joinsRecorded.Add(e.SenderId);
        if (e.Kind == ConversationEventKind.Closed)
            _closeRecorded = true;
        if (e.Kind == ConversationEventKind.Read && long.TryParse(e.Text, System.Globalization.CultureInfo.InvariantCulture, out var readSeq))
            _readUpTo[e.SenderId] = readSeq;
        if (e.ClientMessageId is not null)
            _recentClientIds.Add(e.SenderId, e.ClientMessageId, e.Seq);
        Recent.Add(e);
    }

    private string[] Recipients() => [state.State.InsuredId, .. state.State.AgentIds];

    private Task AuditAsync(Participant actor, string action) => audit.AppendAsync(new AuditEntry(
        clock.GetUtcNow(), actor.UserId, actor.Role.ToString(), action, "conversation", Id.ToString(), state.State.InsuredId));

    private void EnsureStarted()
    {
        if (!state.State.Started)
            throw new ConversationException(ConversationErrors.NotFound, "Dieses Gespräch gibt es nicht.");
    }

    // Supervisors may read every conversation; agents only those they take part in; insured persons only their own.
    private Task EnsureReaderAsync(Participant reader) =>
        reader.Role == ParticipantRole.Supervisor ? Task.CompletedTask : EnsureParticipantAsync(reader);

    private async Task EnsureParticipantAsync(Participant participant)
    {
        var allowed = participant.Role == ParticipantRole.Insured
            ? participant.UserId == state.State.InsuredId
            : state.State.AgentIds.Contains(participant.UserId);
        if (allowed)
            return;
        // A refused attempt by staff is part of the access record too (who tried to see whose data).
        if (participant.IsStaff)
            await AuditAsync(participant, "conversation.refused");
        throw new ConversationException(ConversationErrors.Forbidden, "Sie nehmen an diesem Gespräch nicht teil.");
    }

    private ConversationView View() => new(
        Id, state.State.Topic, state.State.CaseReference, state.State.Status, state.State.InsuredId,
        state.State.AgentIds.ToArray(), _lastSeq, state.State.StartedAt);

    [GenerateSerializer, Alias("Kasse.Grains.Conversations.ConversationGrain.State")]
    public sealed class State
    {
        [Id(0)] public bool Started { get; set; }
        [Id(1)] public string InsuredId { get; set; } = "";
        [Id(2)] public string Topic { get; set; } = "";
        [Id(3)] public string? CaseReference { get; set; }
        [Id(4)] public ConversationState Status { get; set; }
        [Id(5)] public List<string> AgentIds { get; set; } = [];
        [Id(6)] public DateTimeOffset StartedAt { get; set; }
    }
}
