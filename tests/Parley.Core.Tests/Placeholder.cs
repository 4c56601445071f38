namespace Parley.Core.Tests;
