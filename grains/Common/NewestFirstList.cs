namespace Kasse.Grains.Common;

/// <summary>Keeps a bounded list of ids, newest first: grain state that must not grow without bound.</summary>
public static class NewestFirstList
{
    /// <summary>Moves or inserts <paramref name="id"/> at the front and trims to <paramref name="capacity"/>.
    /// Returns false when the list was already in that shape (no write needed).</summary>
    public static bool Remember<T>(List<T> list, T id, int capacity)
        where T : IEquatable<T>
    {
        if (list.Count > 0 && list[0].Equals(id))
            return false;
        list.Remove(id);
        list.Insert(0, id);
        if (list.Count > capacity)
            list.RemoveRange(capacity, list.Count - capacity);
        return true;
    }
}
