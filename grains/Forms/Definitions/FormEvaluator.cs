using Kasse.Forms;
using Kasse.Grains.Rules;

namespace Kasse.Grains.Forms.Definitions;

/// <summary>
/// Evaluates a compiled definition on a set of values: decodes them once, drops hidden values to a fixpoint
/// (clear-on-hide: a field hidden because another was hidden loses its value too), then computes visible, required,
/// enabled and the error of every path in definition order. Hidden fields are never required and have no error. After
/// a change of one field, <see cref="Reevaluate"/> judges again only what reads it.
/// </summary>
internal static class FormEvaluator
{
    public static FormEvaluation Evaluate(FormModel model, IReadOnlyDictionary<string, string> values, DateOnly today)
    {
        var cleared = new List<string>();
        var input = Prepare(model, values, today, cleared);
        var fields = new List<FieldEvaluation>(model.Fields.Length + values.Count);
        var positions = new int[model.Fields.Length];
        var incomplete = new List<bool>(fields.Capacity);
        var stepVisible = new bool[model.Definition.Steps.Count];
        var stepErrors = new bool[stepVisible.Length];
        for (var i = 0; i < model.Fields.Length; i++)
        {
            var node = model.Fields[i];
            input.Scope(null, null);
            var value = input.Field(node.Id);
            var state = State(model, node, input, value, node.Id, parentVisible: true, out var missing);
            positions[i] = fields.Count;
            fields.Add(state);
            incomplete.Add(missing);
            stepVisible[node.StepIndex] |= state.Visible;
            stepErrors[node.StepIndex] |= state.Error is not null;
            if (node.Type != FormFieldType.RepeatingGroup || value is null)
                continue;
            foreach (var rowId in value.Rows)
            {
                input.Scope(node, rowId);
                foreach (var child in node.Children)
                {
                    var childValue = input.RowField(node.Id, rowId, child.Id);
                    var childState = State(model, child, input, childValue, childValue?.Path ?? FormPath.Of(node.Id, rowId, child.Id), state.Visible, out var childMissing);
                    fields.Add(childState);
                    incomplete.Add(childMissing);
                    stepErrors[node.StepIndex] |= childState.Error is not null;
                }
            }
        }
        input.Scope(null, null);
        var steps = new StepState[stepVisible.Length];
        for (var i = 0; i < steps.Length; i++)
            steps[i] = new StepState(model.Definition.Steps[i].Id, stepVisible[i], stepErrors[i]);
        var basis = new FormEvaluationBasis(input, today, positions, [.. incomplete]);
        return new FormEvaluation(fields, steps, cleared, basis.Complete) { Basis = basis };
    }

    /// <summary>
    /// The evaluation after the field of a section <paramref name="fieldId"/> changed to <paramref name="json"/> (null:
    /// emptied), from <paramref name="previous"/>, the evaluation before: only the field and those whose expressions
    /// read it (<see cref="FormDependencyIndex"/>) are judged again, the others are taken over. Null when that cannot
    /// give what <see cref="Evaluate"/> gives — no basis (taken by an earlier change, or another day), clear-on-hide
    /// pending or caused, a field that rows read — and the caller evaluates whole. Takes the basis of
    /// <paramref name="previous"/>: its decoded values are changed here.
    /// </summary>
    public static FormEvaluation? Reevaluate(FormModel model, FormEvaluation previous, string fieldId, string? json, DateOnly today)
    {
        if (previous.Basis is not { } basis || basis.Today != today || previous.ClearedPaths.Count > 0
            || !model.Dependencies.TryDependents(fieldId, out var indexes))
            return null;
        previous.Basis = null;
        var input = basis.Input;
        var changed = model.Fields[indexes[0]];
        if (json is null)
            input.RemoveField(changed.Id);
        else
            input.SetField(changed.Id, FormValueDecoder.Decode(fieldId, changed.Type, json));
        var fields = new List<FieldEvaluation>(previous.Fields);
        foreach (var i in indexes)
        {
            var node = model.Fields[i];
            var value = input.Field(node.Id);
            var state = State(model, node, input, value, node.Id, parentVisible: true, out var missing);
            // Hidden now while holding a value: clear-on-hide drops it, and what reads it changes too.
            if (!state.Visible && value is not null && node.Definition.ClearOnHide)
                return null;
            fields[basis.Positions[i]] = state;
            basis.SetIncomplete(basis.Positions[i], missing);
        }
        return new FormEvaluation(fields, Steps(model, fields, basis.Positions, previous.Steps), [], basis.Complete) { Basis = basis };
    }

    /// <summary>The steps as <paramref name="fields"/> make them; the previous list itself when nothing changed.</summary>
    private static IReadOnlyList<StepState> Steps(FormModel model, List<FieldEvaluation> fields, int[] positions, IReadOnlyList<StepState> previous)
    {
        Span<bool> visible = stackalloc bool[previous.Count];
        Span<bool> errors = stackalloc bool[previous.Count];
        for (var i = 0; i < positions.Length; i++)
        {
            var step = model.Fields[i].StepIndex;
            visible[step] |= fields[positions[i]].Visible;
            var end = i + 1 < positions.Length ? positions[i + 1] : fields.Count;
            for (var p = positions[i]; p < end; p++)
                errors[step] |= fields[p].Error is not null;
        }
        var same = true;
        for (var s = 0; s < previous.Count && same; s++)
            same = previous[s].Visible == visible[s] && previous[s].HasErrors == errors[s];
        if (same)
            return previous;
        var steps = new StepState[previous.Count];
        for (var s = 0; s < steps.Length; s++)
            steps[s] = new StepState(model.Definition.Steps[s].Id, visible[s], errors[s]);
        return steps;
    }

    /// <summary>The values decoded, with everything clear-on-hide drops marked cleared (their paths added to <paramref name="cleared"/>).</summary>
    public static FormInput Prepare(FormModel model, IReadOnlyDictionary<string, string> values, DateOnly today, List<string> cleared)
    {
        var input = Load(model, values, today);
        ClearHidden(model, input, cleared);
        input.Scope(null, null);
        return input;
    }

    public static bool Visible(FormModel model, FormFieldNode node, FormInput input) =>
        node.VisibleIf < 0 || model.Rules.EvaluateRule(node.VisibleIf, input) == RuleOutcome.Succeeded;

    private static FormInput Load(FormModel model, IReadOnlyDictionary<string, string> values, DateOnly today)
    {
        var input = new FormInput(today);
        foreach (var (path, json) in values)
        {
            if (json is null)
                continue;
            if (model.TopById.TryGetValue(path, out var node))
            {
                input.SetField(node.Id, FormValueDecoder.Decode(path, node.Type, json));
                continue;
            }
            if (!FormPath.TryParse(path, out var parsed) || parsed.GroupId is null || parsed.IsRow
                || !model.TopById.TryGetValue(parsed.GroupId, out var group) || !group.ChildById.TryGetValue(parsed.FieldId, out var child))
                continue;
            input.SetRowField(group.Id, parsed.RowId!, child.Id, FormValueDecoder.Decode(path, child.Type, json));
        }
        return input;
    }

    private static void ClearHidden(FormModel model, FormInput input, List<string> cleared)
    {
        // Each round can only clear more; a chain of n dependent fields needs at most n rounds.
        for (var round = 0; round <= model.Fields.Length + 1; round++)
        {
            var changed = false;
            foreach (var node in model.Fields)
            {
                input.Scope(null, null);
                var visible = Visible(model, node, input);
                var dropHidden = !visible && node.Definition.ClearOnHide;
                if (node.Type == FormFieldType.RepeatingGroup)
                {
                    var rows = input.Field(node.Id)?.Rows ?? [];
                    foreach (var (rowId, rowFields) in input.StoredRows(node.Id))
                    {
                        if (dropHidden || !rows.Contains(rowId))
                        {
                            // The group is hidden, or the row is no longer listed: all its values go.
                            foreach (var value in rowFields.Values)
                                changed |= Clear(value, cleared);
                            continue;
                        }
                        if (!visible)
                            continue;
                        input.Scope(node, rowId);
                        foreach (var child in node.Children)
                        {
                            if (child.Definition.ClearOnHide && rowFields.TryGetValue(child.Id, out var value) && !value.Cleared && !Visible(model, child, input))
                                changed |= Clear(value, cleared);
                        }
                    }
                    input.Scope(null, null);
                }
                if (dropHidden && input.Field(node.Id) is { } hidden)
                    changed |= Clear(hidden, cleared);
            }
            if (!changed)
                return;
        }
    }

    private static bool Clear(FormValue value, List<string> cleared)
    {
        if (value.Cleared)
            return false;
        value.Cleared = true;
        cleared.Add(value.Path);
        return true;
    }

    /// <summary>One path's state; <paramref name="incomplete"/> when it keeps the form from being complete (required and empty, or an error).</summary>
    private static FieldEvaluation State(
        FormModel model, FormFieldNode node, FormInput input, FormValue? value, string path, bool parentVisible, out bool incomplete)
    {
        var visible = parentVisible && Visible(model, node, input);
        var enabled = node.EnabledIf < 0 || model.Rules.EvaluateRule(node.EnabledIf, input) == RuleOutcome.Succeeded;
        var empty = value is null || value.IsRows && value.Rows.Count == 0;
        var required = visible && enabled
            && (node.Definition.Required || node.Definition.MinRows > 0
                || node.RequiredIf >= 0 && model.Rules.EvaluateRule(node.RequiredIf, input) == RuleOutcome.Succeeded);
        var error = visible && !empty ? Check(model, node, input, value!) : null;
        incomplete = required && empty || error is not null;
        return new FieldEvaluation(path, visible, required, enabled, error);
    }

    /// <summary>The built-in check of the field's type, then its validation rules in order; the first failure is the error.</summary>
    private static LocalizedText? Check(FormModel model, FormFieldNode node, FormInput input, FormValue value)
    {
        if (value.Malformed)
            return FormMessages.Malformed;
        var builtIn = node.Type switch
        {
            FormFieldType.Text => value.Text.Length > node.MaxLength ? node.TooLong : null,
            FormFieldType.Iban => Iban.IsValid(value.Text) ? null : FormMessages.Iban,
            FormFieldType.SteuerId => SteuerId.IsValid(value.Text) ? null : FormMessages.SteuerId,
            FormFieldType.Kvnr => Kvnr.IsValid(value.Text) ? null : FormMessages.Kvnr,
            FormFieldType.Date => value.IsDate ? null : FormMessages.Date,
            FormFieldType.Number => value.Number < node.Definition.Min || value.Number > node.Definition.Max ? node.OutOfRange : null,
            FormFieldType.Choice => node.OptionValues.Contains(value.Text) ? null : FormMessages.Choice,
            FormFieldType.Address => CheckAddress(value),
            FormFieldType.RepeatingGroup => value.Rows.Count > node.MaxRows ? node.TooManyRows
                : value.Rows.Count < node.Definition.MinRows ? node.TooFewRows : null,
            _ => null,
        };
        if (builtIn is not null)
            return builtIn;
        for (var i = 0; i < node.Validations.Length; i++)
        {
            if (model.Rules.EvaluateRule(node.Validations[i], input) != RuleOutcome.Succeeded)
                return node.Definition.Validations[i].Message;
        }
        return null;
    }

    private static LocalizedText? CheckAddress(FormValue value)
    {
        if (value.Street is null || value.PostalCode is null || value.City is null)
            return FormMessages.AddressIncomplete;
        var postalCode = value.PostalCode;
        if (postalCode.Length != 5)
            return FormMessages.PostalCode;
        foreach (var c in postalCode)
        {
            if (!char.IsAsciiDigit(c))
                return FormMessages.PostalCode;
        }
        return null;
    }
}
