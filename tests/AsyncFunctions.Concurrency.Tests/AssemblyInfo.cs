// One Coyote TestingEngine at a time: the engine takes over scheduling for the whole process while it runs.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
