// NeuroKit's compatibility shim for TorchSharp 0.107 on distributions whose libstdc++ predates GCC 13
// (Debian 12: libstdc++ stops at GLIBCXX_3.4.30).
//
// libLibTorchSharp.so references exactly one GCC 13 symbol, std::ios_base_library_init()
// (_ZSt21ios_base_library_initv@GLIBCXX_3.4.32). GCC 13 emits a call to it from every translation unit
// that includes <iostream>, to make sure the standard streams are initialised. Older libstdc++
// initialises the streams through a static std::ios_base::Init object instead, so defining the
// function to construct one is behaviourally equivalent.
#include <ios>

namespace std
{
    void ios_base_library_init()
    {
        static ios_base::Init init;
    }
}
