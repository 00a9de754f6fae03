"""The list reader every import shares (delegates, honours, speakers): .xlsx and .csv files, headers found
and matched however offices type them, legacy TCVN3/VNI text converted, every problem named by its row and
column, and nothing saved unless every row is good. It imports no feature package."""
