using Kasse.Grains.Common;

namespace Kasse.Tests.Chat;

public sealed class NewestFirstListTests
{
    [Fact]
    public void List_keeps_the_newest_ids_first_and_never_exceeds_its_capacity()
    {
        var list = new List<Guid>();
        var ids = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToArray();
        foreach (var id in ids)
            Assert.True(NewestFirstList.Remember(list, id, capacity: 3));
        Assert.Equal([ids[4], ids[3], ids[2]], list);
        Assert.False(NewestFirstList.Remember(list, ids[4], capacity: 3));
        Assert.True(NewestFirstList.Remember(list, ids[2], capacity: 3));
        Assert.Equal([ids[2], ids[4], ids[3]], list);
    }
}
