Console.WriteLine("Parley benchmark: not written yet.");
