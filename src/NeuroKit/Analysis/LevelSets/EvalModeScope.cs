using TorchSharp;

namespace NeuroKit.Analysis.LevelSets;

/// <summary>
/// Puts every submodule of a model in evaluation mode (dropout off, batch-norm statistics frozen) for the
/// lifetime of the scope and restores each module's own previous mode afterwards.
/// </summary>
internal sealed class EvalModeScope : IDisposable
{
    private readonly List<(torch.nn.Module Module, bool Training)> _modes;

    public EvalModeScope(torch.nn.Module model)
    {
        // The root first, then submodules by depth: train(bool) is recursive, so restoring a parent must come
        // before restoring its children's own modes.
        _modes = model
            .named_modules()
            .OrderBy(named => named.name.Count(ch => ch == '.'))
            .Select(named => (named.module, named.module.training))
            .Prepend((model, model.training))
            .ToList();
        model.eval();
    }

    public void Dispose()
    {
        foreach (var (module, training) in _modes)
            if (module.training != training)
                module.train(training);
    }
}
