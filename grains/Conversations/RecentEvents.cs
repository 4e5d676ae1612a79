using Kasse.Conversations;

namespace Kasse.Grains.Conversations;

/// <summary>
/// The newest events of one conversation, so that a reconnecting client resumes and a retry gets its ack without a
/// query. Kept without an object per event: each event is a slot in a fixed array and its client message id and text
/// are copied into one character ring, so a message's own objects die young instead of being promoted to gen 2 and
/// collected there (a kept event lives for many messages of its conversation, i.e. seconds to minutes). Holds at most
/// <c>capacity</c> events and <c>maxChars</c> characters, always the newest run of consecutive sequence numbers;
/// the oldest fall out first.
/// </summary>
public sealed class RecentEvents(Guid conversationId, int capacity, int maxChars)
{
    private const int InitialChars = 512;
    private const int NoChars = -1;

    private readonly Slot[] _slots = new Slot[capacity];
    private char[] _chars = [];
    private int _first;
    private int _count;
    private int _charsStart;
    private int _charsUsed;

    public int Count => _count;

    /// <summary>Whether every event after <paramref name="afterSeq"/> is here (so a resume needs no query).</summary>
    public bool Covers(long afterSeq) => _count > 0 && afterSeq >= _slots[_first].Seq - 1;

    /// <summary>Keeps <paramref name="e"/>, the conversation's next event; drops everything when it alone is too long.</summary>
    public void Add(ConversationEvent e)
    {
        var clientIdLength = e.ClientMessageId?.Length ?? 0;
        var needed = clientIdLength + (e.Text?.Length ?? 0);
        if (needed > maxChars)
        {
            _count = 0;
            _charsUsed = 0;
            return;
        }
        while (_count == capacity || _charsUsed + needed > _chars.Length && !TryGrow(_charsUsed + needed))
            DropOldest();
        var start = (_charsStart + _charsUsed) % Math.Max(1, _chars.Length);
        Write(start, e.ClientMessageId);
        Write((start + clientIdLength) % Math.Max(1, _chars.Length), e.Text);
        _charsUsed += needed;
        var previous = _count > 0 ? _slots[(_first + _count - 1) % capacity] : default;
        _slots[(_first + _count) % capacity] = new Slot(
            e.Seq, e.Kind, e.SenderRole, e.At, e.Attachment,
            // The same sender's strings again: keep one copy (a message that came over the wire brings new ones).
            previous.SenderId == e.SenderId ? previous.SenderId : e.SenderId,
            previous.SenderName == e.SenderName ? previous.SenderName : e.SenderName,
            start, e.ClientMessageId is null ? NoChars : clientIdLength, e.Text is null ? NoChars : e.Text.Length);
        _count++;
    }

    /// <summary>The kept event with <paramref name="seq"/>, or null.</summary>
    public ConversationEvent? Find(long seq)
    {
        if (_count == 0)
            return null;
        var offset = seq - _slots[_first].Seq;
        return offset >= 0 && offset < _count ? Read((_first + (int)offset) % capacity) : null;
    }

    /// <summary>The kept events after <paramref name="afterSeq"/>, at most <paramref name="max"/>, ascending.</summary>
    public ConversationEvent[] After(long afterSeq, int max)
    {
        var events = new List<ConversationEvent>();
        for (var i = 0; i < _count && events.Count < max; i++)
        {
            var index = (_first + i) % capacity;
            if (_slots[index].Seq > afterSeq)
                events.Add(Read(index));
        }
        return [.. events];
    }

    private ConversationEvent Read(int index)
    {
        var slot = _slots[index];
        var clientIdLength = Math.Max(0, slot.ClientIdLength);
        return new ConversationEvent(
            conversationId, slot.Seq, slot.Kind, slot.SenderId, slot.Role, slot.SenderName,
            slot.ClientIdLength == NoChars ? null : ReadChars(slot.CharStart, slot.ClientIdLength),
            slot.TextLength == NoChars ? null : ReadChars((slot.CharStart + clientIdLength) % _chars.Length, slot.TextLength),
            slot.At, slot.Attachment);
    }

    private string ReadChars(int start, int length) =>
        length == 0 ? "" : string.Create(length, (Chars: _chars, Start: start), static (target, source) =>
        {
            var head = Math.Min(target.Length, source.Chars.Length - source.Start);
            source.Chars.AsSpan(source.Start, head).CopyTo(target);
            source.Chars.AsSpan(0, target.Length - head).CopyTo(target[head..]);
        });

    private void Write(int start, string? value)
    {
        if (string.IsNullOrEmpty(value))
            return;
        var head = Math.Min(value.Length, _chars.Length - start);
        value.AsSpan(0, head).CopyTo(_chars.AsSpan(start));
        value.AsSpan(head).CopyTo(_chars);
    }

    private void DropOldest()
    {
        var oldest = _slots[_first];
        var chars = Math.Max(0, oldest.ClientIdLength) + Math.Max(0, oldest.TextLength);
        _slots[_first] = default;
        _first = (_first + 1) % capacity;
        _count--;
        _charsUsed -= chars;
        _charsStart = _count == 0 || _chars.Length == 0 ? 0 : (_charsStart + chars) % _chars.Length;
    }

    /// <summary>Doubles the ring (up to <c>maxChars</c>), once per activation at most a few times: the kept characters move to the front.</summary>
    private bool TryGrow(int needed)
    {
        if (_chars.Length >= maxChars)
            return false;
        var size = Math.Max(InitialChars, _chars.Length);
        while (size < needed)
            size *= 2;
        var grown = new char[Math.Min(maxChars, size)];
        if (grown.Length < needed)
            return false;
        var head = Math.Min(_charsUsed, _chars.Length - _charsStart);
        _chars.AsSpan(_charsStart, head).CopyTo(grown);
        _chars.AsSpan(0, _charsUsed - head).CopyTo(grown.AsSpan(head));
        var (shift, length) = (_charsStart, _chars.Length);
        for (var i = 0; i < _count; i++)
        {
            ref var slot = ref _slots[(_first + i) % capacity];
            slot = slot with { CharStart = length == 0 ? 0 : (slot.CharStart - shift + length) % length };
        }
        _chars = grown;
        _charsStart = 0;
        return true;
    }

    private readonly record struct Slot(
        long Seq, ConversationEventKind Kind, ParticipantRole Role, DateTimeOffset At, AttachmentInfo? Attachment,
        string SenderId, string SenderName, int CharStart, int ClientIdLength, int TextLength);
}
