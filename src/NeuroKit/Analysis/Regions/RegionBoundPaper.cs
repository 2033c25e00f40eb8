namespace NeuroKit.Analysis.Regions;

/// <summary>Which known result a <see cref="RegionBound"/> is; <see cref="RegionBounds"/> documents each.</summary>
public enum RegionBoundPaper
{
    /// <summary>Zaslavsky (1975): hyperplane arrangements, one hidden layer (<see cref="RegionBounds.Zaslavsky"/>).</summary>
    Zaslavsky1975 = 1,

    /// <summary>Serra, Tjandraatmadja and Ramalingam (2018), Theorem 1 (<see cref="RegionBounds.Serra2018"/>).</summary>
    Serra2018 = 2,

    /// <summary>Montúfar (2017) (<see cref="RegionBounds.Montufar2017"/>).</summary>
    Montufar2017 = 3,

    /// <summary>2^N, the number of activation patterns (<see cref="RegionBounds.PatternCount"/>).</summary>
    PatternCount = 4,

    /// <summary>Montúfar, Pascanu, Cho and Bengio (2014), the lower bound (<see cref="RegionBounds.Montufar2014Lower"/>).</summary>
    Montufar2014 = 5,
}
