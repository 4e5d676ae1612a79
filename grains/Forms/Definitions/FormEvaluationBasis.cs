namespace Kasse.Grains.Forms.Definitions;

/// <summary>
/// What an evaluation leaves for the next change (<see cref="FormEvaluator.Reevaluate"/>): the decoded values, the day
/// they were judged on, where each field of a section stands in the list of paths, and which paths keep the form
/// incomplete. Belongs to one evaluation at a time; a re-evaluation takes it over and changes it.
/// </summary>
internal sealed class FormEvaluationBasis
{
    private readonly bool[] _incomplete;
    private int _incompleteCount;

    public FormEvaluationBasis(FormInput input, DateOnly today, int[] positions, bool[] incomplete)
    {
        Input = input;
        Today = today;
        Positions = positions;
        _incomplete = incomplete;
        _incompleteCount = incomplete.Count(missing => missing);
    }

    public FormInput Input { get; }

    public DateOnly Today { get; }

    /// <summary>The index in the list of paths of each field of <see cref="FormModel.Fields"/> (a group's rows follow it).</summary>
    public int[] Positions { get; }

    /// <summary>No visible required path empty and no error.</summary>
    public bool Complete => _incompleteCount == 0;

    public void SetIncomplete(int position, bool incomplete)
    {
        if (_incomplete[position] == incomplete)
            return;
        _incomplete[position] = incomplete;
        _incompleteCount += incomplete ? 1 : -1;
    }
}
