@_exported import EmpirioDocument
