// One browser and one app at a time: the machine has few cores and other test projects run beside this one.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
