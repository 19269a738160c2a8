@_exported import EmpirioJSON
