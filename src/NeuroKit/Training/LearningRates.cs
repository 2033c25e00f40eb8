namespace NeuroKit.Training;

/// <summary>The learning-rate schedules: linear warm-up, then constant, cosine or linear decay to 0.</summary>
internal static class LearningRates
{
    internal static double At(TrainingOptions o, long step, long total)
    {
        var lr = o.LearningRate;
        if (o.WarmupSteps > 0 && step < o.WarmupSteps)
            return lr * (step + 1) / o.WarmupSteps;
        var span = Math.Max(1, total - o.WarmupSteps);
        var progress = Math.Clamp((double)(step - o.WarmupSteps) / span, 0, 1);
        return o.Schedule switch
        {
            LearningRateSchedule.Cosine => lr * 0.5 * (1 + Math.Cos(Math.PI * progress)),
            LearningRateSchedule.Linear => lr * (1 - progress),
            _ => lr,
        };
    }
}
